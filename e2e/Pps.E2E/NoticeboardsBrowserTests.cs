using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class NoticeboardsBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task A_post_by_the_board_appears_on_the_entrepreneurs_open_board_page_without_reload()
    {
        var board = await hub.NewPageAsync();
        var entrepreneur = await hub.NewPageAsync(width: 360, height: 800);
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await BrowserHub.LogInAsync(entrepreneur, "ondernemer.lansinghage@zoetermeer.demo");
        await Assertions.Expect(entrepreneur).ToHaveURLAsync(new Regex("/Dashboard"));

        await entrepreneur.GotoAsync("/Boards");
        await Assertions.Expect(entrepreneur.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prikborden");
        await BrowserHub.AssertAccessibleAsync(entrepreneur);
        await entrepreneur.GetByRole(AriaRole.Link, new() { Name = "Prikbord Lansinghage", Exact = true }).ClickAsync();
        await Assertions.Expect(entrepreneur.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Prikbord Lansinghage");
        // The live connection is up and the board joined before the post is made.
        await Assertions.Expect(entrepreneur.Locator("[data-board-page][data-board-joined=true]")).ToHaveCountAsync(1);
        await BrowserHub.AssertAccessibleAsync(entrepreneur);
        var boardUrl = entrepreneur.Url;

        // A second tab of the entrepreneur on the list of boards: its unread counter goes up live.
        var list = await entrepreneur.Context.NewPageAsync();
        await list.GotoAsync("/Boards");
        await Assertions.Expect(list.Locator("[data-boards-index][data-board-joined=true]")).ToHaveCountAsync(1);
        var boardId = boardUrl.Split('/').Last();
        var counter = list.Locator($"[data-board-id='{boardId}'] [data-unread]");
        var before = int.Parse(await counter.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await board.GotoAsync(boardUrl);
        var title = "Live in de browser " + Guid.NewGuid().ToString("N")[..6];
        await board.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
        await board.GetByLabel("Bericht", new() { Exact = true }).FillAsync("Vanavond extra surveillance op de **Edisonstraat**.");
        await board.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        // No reload on the entrepreneur's page: the post arrives over SignalR.
        await Assertions.Expect(entrepreneur.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        Assert.Equal(boardUrl, entrepreneur.Url);
        await Assertions.Expect(entrepreneur.Locator("[data-new-count] .new-count")).ToHaveTextAsync("1");

        await Assertions.Expect(counter).ToHaveAttributeAsync("data-unread", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(counter).ToBeVisibleAsync();

        await entrepreneur.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(entrepreneur.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await BrowserHub.AssertAccessibleAsync(entrepreneur);

        await board.Context.CloseAsync();
        await entrepreneur.Context.CloseAsync();
    }

    [Fact]
    public async Task A_safety_post_is_made_without_JavaScript_and_shows_the_house_rules_next_to_the_person_field()
    {
        var context = await hub.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hub.App.BaseAddress.ToString().TrimEnd('/'), JavaScriptEnabled = false, Locale = "nl-NL",
        });
        var page = await context.NewPageAsync();
        await BrowserHub.LogInAsync(page, "ondernemer.lansinghage@zoetermeer.demo");
        await page.GotoAsync("/Boards");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prikbord Lansinghage", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Huisregel: beschrijf gedrag")).ToBeVisibleAsync();

        var title = "Dumping zonder JS " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Veiligheidsmelding", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Bericht", new() { Exact = true }).FillAsync("Bouwafval gedumpt achter de loods.");
        await page.GetByLabel("Onderwerp", new() { Exact = true }).SelectOptionAsync("Dumping");
        await page.GetByLabel("Plek of omschrijving").FillAsync("Achter de loods aan het water");
        await page.GetByLabel("Beschrijving van een persoon (optioneel)").FillAsync("Man in oranje werkkleding, witte bestelbus.");
        await page.GetByLabel("Bijlagen", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "situatie.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "situatie.pdf" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Achter de loods aan het water")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Man in oranje werkkleding, witte bestelbus.")).ToBeVisibleAsync();

        await page.GetByLabel("Uw reactie").FillAsync("Ik heb de gemeente gebeld.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reageren" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw reactie is geplaatst.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ik heb de gemeente gebeld.")).ToBeVisibleAsync();

        await page.GetByText("Bericht bewerken").ClickAsync();
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title + " (aangevuld)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijziging opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title + " (aangevuld)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk eerdere versies" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 3, Name = title, Exact = true })).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
