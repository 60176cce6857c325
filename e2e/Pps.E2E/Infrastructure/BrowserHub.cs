using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Pps.Tests.Infrastructure;

namespace Pps.E2E.Infrastructure;

/// <summary>
/// One hub process on a real loopback port and one Debian Chromium for all browser tests of a run.
/// Each test opens its own browser context (own cookies), so tests do not share a session.
/// </summary>
public sealed class BrowserHub : IAsyncLifetime
{
    public const string Collection = "browser";

    private IPlaywright? _playwright;

    public AppProcess App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public const string Password = "Pps-demo-2026!";

    public async Task InitializeAsync()
    {
        var start = App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PPS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        await start;
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh context (own cookies) at the given width; 360 px is a phone.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? locale = "nl-NL")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the log-in page, as a person would.</summary>
    public static async Task LogInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(E-mailadres|E-mail address)$")).FillAsync(email);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(Wachtwoord|Password)$")).FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Inloggen|Log in)$") }).ClickAsync();
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation (WCAG 2.1 AA rules).</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }
}

[CollectionDefinition(BrowserHub.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHub>;
