using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// The web shell in Chromium: each role's dashboard, the language switch, log-out, the accessible log-in error,
/// the skip link and the phone menu — at desktop width and at 360 px, checked with axe-core.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed partial class ShellTests(BrowserHub hub)
{
    public const int Phone = 360;
    public const int Desktop = 1280;

    [Theory]
    [InlineData("oov@zoetermeer.demo", Desktop, "Openbare Orde en Veiligheid, gemeente Zoetermeer", "Public Order and Safety, municipality of Zoetermeer", true)]
    [InlineData("oov@zoetermeer.demo", Phone, "Openbare Orde en Veiligheid, gemeente Zoetermeer", "Public Order and Safety, municipality of Zoetermeer", true)]
    [InlineData("bestuur.lansinghage@zoetermeer.demo", Desktop, "Bestuur van de ondernemersvereniging: Lansinghage", "Board of the business association: Lansinghage", false)]
    [InlineData("bestuur.lansinghage@zoetermeer.demo", Phone, "Bestuur van de ondernemersvereniging: Lansinghage", "Board of the business association: Lansinghage", false)]
    [InlineData("ondernemer.lansinghage@zoetermeer.demo", Desktop, "Ondernemer op Lansinghage", "Entrepreneur on Lansinghage", false)]
    [InlineData("ondernemer.lansinghage@zoetermeer.demo", Phone, "Ondernemer op Lansinghage", "Entrepreneur on Lansinghage", false)]
    public async Task A_member_logs_in_sees_their_role_dashboard_switches_language_and_back_and_logs_out(
        string email, int width, string roleDutch, string roleEnglish, bool readsSignals)
    {
        var page = await hub.NewPageAsync(width);
        await BrowserHub.LogInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Mijn overzicht");
        await Assertions.Expect(page.GetByText(roleDutch, new() { Exact = true })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await BrowserHub.AssertAccessibleAsync(page);

        // The menu offers Signals only to those who may read them.
        await OpenMenuIfCollapsedAsync(page);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Mijn overzicht", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Signalen", Exact = true })).ToHaveCountAsync(readsSignals ? 1 : 0);

        // English and back, staying on the dashboard.
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("My overview");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(page.GetByText(roleEnglish, new() { Exact = true })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await BrowserHub.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Mijn overzicht");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        // Log out: back on the public home page, and the dashboard asks to log in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("PPS Hub");
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2FDashboard$"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Desktop)]
    [InlineData(Phone)]
    public async Task A_failed_log_in_shows_an_error_announced_as_an_alert_and_linked_to_the_field(int width)
    {
        var page = await hub.NewPageAsync(width);
        await BrowserHub.LogInAsync(page, "ondernemer.lansinghage@zoetermeer.demo", "not-the-password-" + Guid.NewGuid().ToString("N")[..6]);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync("Inloggen is niet gelukt");
        var alertId = await alert.GetAttributeAsync("id");
        Assert.False(string.IsNullOrEmpty(alertId), "the alert needs an id so the field can point to it");
        var describedBy = await page.GetByLabel("E-mailadres", new() { Exact = true }).GetAttributeAsync("aria-describedby") ?? "";
        Assert.Contains(alertId, describedBy.Split(' '));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await AssertFitsAsync(page, width);
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/", "PPS Hub", Desktop)]
    [InlineData("/", "PPS Hub", Phone)]
    [InlineData("/Account/Login", "Inloggen", Desktop)]
    [InlineData("/Account/Login", "Inloggen", Phone)]
    [InlineData("/Accessibility", "Toegankelijkheidsverklaring", Desktop)]
    [InlineData("/Accessibility", "Toegankelijkheidsverklaring", Phone)]
    [InlineData("/no-such-page", "Pagina niet gevonden", Phone)]
    public async Task Public_pages_have_one_heading_fit_a_phone_and_pass_axe(string path, string heading, int width)
    {
        var page = await hub.NewPageAsync(width);
        await page.GotoAsync(path);
        await Assertions.Expect(Heading(page)).ToHaveTextAsync(heading);
        await Assertions.Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await AssertFitsAsync(page, width);
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_accessibility_statement_passes_axe_in_English_too()
    {
        var page = await hub.NewPageAsync(Phone);
        await page.GotoAsync("/Accessibility");
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(page)).ToHaveTextAsync("Accessibility statement");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Known limitations" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, Phone);
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("admin@pps.demo", "Platformbeheerder – alle gemeenten")]
    [InlineData("politie@zoetermeer.demo", "Partner van de gemeente Zoetermeer")]
    public async Task Other_roles_get_their_own_dashboard_which_passes_axe(string email, string role)
    {
        var page = await hub.NewPageAsync(Phone);
        await BrowserHub.LogInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(page.GetByText(role, new() { Exact = true })).ToBeVisibleAsync();
        await AssertFitsAsync(page, Phone);
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Tabbing_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_main()
    {
        var page = await hub.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud", Exact = true });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();

        // The next Tab continues inside main, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        var inMain = await page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)");
        Assert.True(inMain, "focus left main after the skip link");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_phone_menu_opens_and_works_without_JavaScript()
    {
        var context = await hub.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hub.App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = Phone, Height = 800 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var register = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Account aanvragen", Exact = true });
        await Assertions.Expect(register).ToBeHiddenAsync();
        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(register).ToBeVisibleAsync();
        await register.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Register$"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_wide_menu_is_always_open_and_marks_the_current_page()
    {
        var page = await hub.NewPageAsync(Desktop);
        await BrowserHub.LogInAsync(page, "ondernemer.lansinghage@zoetermeer.demo");
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        await Assertions.Expect(page.GetByText("Menu", new() { Exact = true })).ToBeHiddenAsync();
        var current = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Mijn overzicht", Exact = true });
        await Assertions.Expect(current).ToBeVisibleAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("aria-current", "page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shell_pages_raise_no_script_errors_or_content_security_policy_violations()
    {
        var page = await hub.NewPageAsync(Phone);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");

        await page.GotoAsync("/");
        await page.GotoAsync("/Accessibility");
        await BrowserHub.LogInAsync(page, "bestuur.lansinghage@zoetermeer.demo");
        await Assertions.Expect(page).ToHaveURLAsync(DashboardUrl());
        // live.js connects on the dashboard; wait until it reports, so a refused connection would be seen.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-live", "connected");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.Context.CloseAsync();
    }

    private static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static async Task OpenMenuIfCollapsedAsync(IPage page)
    {
        var toggle = page.GetByText("Menu", new() { Exact = true });
        if (await toggle.IsVisibleAsync() && await page.Locator("[data-nav-menu]").GetAttributeAsync("open") is null)
        {
            await toggle.ClickAsync();
        }
    }

    /// <summary>No horizontal scrolling of the page (WCAG 1.4.10 reflow).</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide at a {width}px viewport");
    }

    [GeneratedRegex("/Dashboard$")]
    private static partial Regex DashboardUrl();
}
