using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// The management pages of the directory — units and occupants, the CSV import with its preview, suspensions — at
/// phone width pass axe-core, are reached by links from the directory, and are driven by label and role. Nothing is
/// changed: other browser tests share this hub's demo accounts.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed class DirectoryManagementBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task EZ_reaches_units_occupant_import_and_suspension_pages_from_the_directory_and_they_pass_axe_at_phone_width()
    {
        var ez = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(ez, "ez@zoetermeer.demo");
        await Assertions.Expect(ez).ToHaveURLAsync(new Regex("/Dashboard"));

        await ez.GotoAsync("/Directory");
        await ez.GetByRole(AriaRole.Link, new() { Name = "Panden en gebruikers" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Panden en gebruikers");
        await BrowserHub.AssertAccessibleAsync(ez);

        await ez.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Gebruiker wijzigen") }).First.ClickAsync();
        await Assertions.Expect(ez.GetByLabel("Bedrijfsnaam")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(ez);

        await ez.GotoAsync("/Directory");
        await ez.GetByRole(AriaRole.Link, new() { Name = "Panden importeren uit CSV" }).ClickAsync();
        await BrowserHub.AssertAccessibleAsync(ez);
        var csv = "estate;bagId;street;houseNumber;postalCode;city;latitude;longitude\nhoornwijck;12;Importlaan;1;27 AA;Zoetermeer;52.05;4.44\n";
        await ez.GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload { Name = "panden.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await ez.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("0 van 1");
        await Assertions.Expect(ez.Locator("#import-lines")).ToContainTextAsync("bagId");
        await BrowserHub.AssertAccessibleAsync(ez);

        await ez.GotoAsync("/Directory");
        await ez.GetByRole(AriaRole.Link, new() { Name = "Schorsingen" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schorsingen");
        await BrowserHub.AssertAccessibleAsync(ez);

        await ez.GotoAsync("/Directory");
        await ez.GetByRole(AriaRole.Link, new() { Name = "Olaf Ondernemer" }).ClickAsync();
        await ez.GetByRole(AriaRole.Link, new() { Name = "Olaf Ondernemer schorsen" }).ClickAsync();
        await Assertions.Expect(ez.GetByLabel("Reden")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(ez);
        await ez.Context.CloseAsync();
    }
}
