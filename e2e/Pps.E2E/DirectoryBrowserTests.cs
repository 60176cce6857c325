using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// Nina Nieuw (registered on Lansinghage) becomes vetted through the pages: EZ checks her KvK details, the board
/// member of the association vouches (one board vouch suffices), EZ confirms — and Lansinghage's vetted count on the
/// anonymity map rises. The directory and map pages pass axe-core.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed partial class DirectoryBrowserTests(BrowserHub hub)
{
    [GeneratedRegex(@"^(.*) (\S+), (\d{4} ?[A-Z]{2}) (.*)$")]
    private static partial Regex Address();

    private static async Task<int> LansinghageVettedAsync(IPage page)
    {
        await page.GotoAsync("/Directory/Map");
        var row = page.Locator("#anonymity-table tbody tr[data-estate='Lansinghage']");
        return int.Parse((await row.Locator("td").Nth(2).InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_new_entrepreneur_is_verified_vouched_for_and_confirmed_and_the_estates_vetted_share_rises()
    {
        var ez = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(ez, "ez@zoetermeer.demo");
        await Assertions.Expect(ez).ToHaveURLAsync(new Regex("/Dashboard"));
        var before = await LansinghageVettedAsync(ez);
        await BrowserHub.AssertAccessibleAsync(ez);

        // EZ checks the KvK details against the register (manual mode) and enters what they saw.
        await ez.GotoAsync("/Vetting");
        var ninaRow = ez.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nina Nieuw" });
        await Assertions.Expect(ninaRow).ToContainTextAsync("Geregistreerd");
        await ninaRow.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^KvK controleren") }).ClickAsync();
        var unitLine = await ez.Locator("main p").Nth(1).InnerTextAsync();
        var address = unitLine.Split(" – ")[1];
        address = address[..address.LastIndexOf(" (", StringComparison.Ordinal)];
        var parts = Address().Match(address);
        Assert.True(parts.Success, address);
        await ez.GetByLabel("Straat").FillAsync(parts.Groups[1].Value);
        await ez.GetByLabel("Huisnummer").FillAsync(parts.Groups[2].Value);
        await ez.GetByLabel("Postcode").FillAsync(parts.Groups[3].Value);
        await ez.GetByLabel("Plaats").FillAsync(parts.Groups[4].Value);
        await ez.GetByRole(AriaRole.Button, new() { Name = "KvK controleren" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        // The board member of the association vouches: one board vouch suffices.
        var board = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await Assertions.Expect(board).ToHaveURLAsync(new Regex("/Dashboard"));
        await board.GotoAsync("/Vetting");
        await board.GetByRole(AriaRole.Button, new() { Name = "Instaan voor Nina Nieuw" }).ClickAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");
        await board.Context.CloseAsync();

        // EZ confirms.
        await ez.GotoAsync("/Vetting");
        await ez.GetByRole(AriaRole.Button, new() { Name = "Screening bevestigen voor Nina Nieuw" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen");

        var after = await LansinghageVettedAsync(ez);
        Assert.Equal(before + 1, after);
        await ez.Context.CloseAsync();

        // Nina sees her own progress: nothing missing any more; the directory is open to her and accessible.
        var nina = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(nina, "nieuw.lansinghage@zoetermeer.demo");
        await Assertions.Expect(nina).ToHaveURLAsync(new Regex("/Dashboard"));
        await nina.GotoAsync("/Vetting");
        await Assertions.Expect(nina.Locator("#vetting-level")).ToHaveTextAsync("Gescreend");
        await nina.GotoAsync("/Directory");
        await Assertions.Expect(nina.GetByRole(AriaRole.Link, new() { Name = "Olaf Ondernemer" })).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(nina);
        await nina.Context.CloseAsync();
    }

    [Fact]
    public async Task The_directory_pages_are_accessible_at_phone_width()
    {
        var page = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(page, "ondernemer.lansinghage@zoetermeer.demo");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard"));
        foreach (var path in new[] { "/Directory", "/Directory/Consent", "/Directory/Views", "/Vetting" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await BrowserHub.AssertAccessibleAsync(page);
        }

        await page.Context.CloseAsync();
    }
}
