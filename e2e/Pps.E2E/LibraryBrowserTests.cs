using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class LibraryBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task A_new_entrepreneur_confirms_the_must_reads_the_step_turns_done_and_the_board_sees_the_funnel_move()
    {
        var board = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await board.GotoAsync("/Onboarding/Funnel");
        var ninaRow = board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nina Nieuw" });
        await Assertions.Expect(ninaRow).ToContainTextAsync("Verplichte kost lezen");
        await BrowserHub.AssertAccessibleAsync(board);

        var page = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(page, "nieuw.lansinghage@zoetermeer.demo");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw start op de hub" })).ToBeVisibleAsync();
        await page.GotoAsync("/Onboarding");
        var mustReadStep = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Verplichte kost lezen" });
        await Assertions.Expect(mustReadStep).ToContainTextAsync("Nog te doen");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "politie@zoetermeer.demo" })).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(page);

        await mustReadStep.GetByRole(AriaRole.Link, new() { Name = "Naar de verplichte kost" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Verplichte kost");
        await BrowserHub.AssertAccessibleAsync(page);
        var open = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nog niet bevestigd" });
        var count = await open.CountAsync();
        Assert.True(count >= 2, $"expected the two demo must-reads, found {count}");
        for (var i = 0; i < count; i++)
        {
            await page.GotoAsync("/Library/MustRead");
            await open.First.GetByRole(AriaRole.Link).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Ik heb dit gelezen en begrepen" });
            if (i == 0)
            {
                await BrowserHub.AssertAccessibleAsync(page);
            }

            await confirm.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "U bevestigde versie" })).ToBeVisibleAsync();
        }

        await page.GotoAsync("/Onboarding");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Verplichte kost lezen" })).ToContainTextAsync("Klaar");

        await board.ReloadAsync();
        await Assertions.Expect(ninaRow).ToContainTextAsync("Kennismaken met de ondernemersvereniging");
        await ninaRow.GetByRole(AriaRole.Button, new() { Name = "Kennismaking vastleggen voor Nina Nieuw" }).ClickAsync();
        await Assertions.Expect(ninaRow).ToContainTextAsync("Gescreend worden");
        await Assertions.Expect(ninaRow).ToContainTextAsync("Kennismaking vastgelegd");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kennismaken met de ondernemersvereniging" })).ToContainTextAsync("Klaar");

        await board.GotoAsync("/Library/Confirmations");
        await Assertions.Expect(board.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nina Nieuw" })).ToContainTextAsync("Bevestigd");
        await BrowserHub.AssertAccessibleAsync(board);
        await page.Context.CloseAsync();
        await board.Context.CloseAsync();
    }

    [Fact]
    public async Task The_library_can_be_searched_and_filtered_and_is_accessible()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, "ondernemer.rokkeveen@zoetermeer.demo");
        await page.GotoAsync("/Library");
        await BrowserHub.AssertAccessibleAsync(page);
        await page.GetByLabel("Zoeken").FillAsync("verhuurders");
        await page.GetByLabel("Taal").SelectOptionAsync("nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Signalen voor verhuurders: wie huurt uw pand?" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Signalen voor verhuurders: wie huurt uw pand?");
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_uploads_a_PDF_and_a_new_version_through_the_pages()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, "ez@zoetermeer.demo");
        await page.GotoAsync("/Library/Upload");
        var title = "Checklist opslag " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Titel").FillAsync(title);
        await page.GetByLabel("Onderwerp").SelectOptionAsync("RedFlagsPerBranch");
        await page.GetByLabel("Trefwoorden").FillAsync("opslag, checklist");
        await page.GetByLabel("Bestand (PDF of afbeelding, maximaal 20 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "checklist.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Downloaden (checklist.pdf)" }).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe versie toevoegen" }).ClickAsync();
        await page.GetByLabel("Wat is er veranderd").FillAsync("Meldnummer toegevoegd");
        await page.GetByLabel("Bestand (PDF of afbeelding, maximaal 20 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "checklist-2.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% v2\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Meldnummer toegevoegd" })).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_sees_an_accessible_upload_form()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, "oov@zoetermeer.demo");
        await page.GotoAsync("/Library/Upload");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Document toevoegen");
        await BrowserHub.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
