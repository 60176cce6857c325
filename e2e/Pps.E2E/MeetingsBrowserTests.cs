using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class MeetingsBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task EZ_schedules_a_schouw_the_waitlist_moves_up_and_a_finding_becomes_an_action_on_the_plan()
    {
        var title = "Schouw Lansinghage " + Guid.NewGuid().ToString("N")[..6];

        // EZ schedules a schouw for Lansinghage with one place; everyone on the estate is invited.
        var ez = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(ez, "ez@zoetermeer.demo");
        await ez.GotoAsync("/Meetings/New");
        await BrowserHub.AssertAccessibleAsync(ez);
        await ez.GetByLabel("Titel").FillAsync(title);
        await ez.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Label = "Schouw (overdag)" });
        await ez.GetByLabel("Lansinghage", new() { Exact = true }).CheckAsync();
        await ez.GetByLabel("Maximaal aantal deelnemers").FillAsync("1");
        await ez.GetByLabel("Adres").FillAsync("Edisonstraat 1, Zoetermeer");
        await ez.GetByRole(AriaRole.Button, new() { Name = "Inplannen en uitnodigen" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        var meetingUrl = new Uri(ez.Url).AbsolutePath;
        await BrowserHub.AssertAccessibleAsync(ez);

        // The board member says yes and gets the place; the organiser's list follows live.
        var board = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await Rsvp(board, meetingUrl, "Ja");
        await Assertions.Expect(board.Locator("#my-answer")).ToHaveTextAsync("Ja");
        await BrowserHub.AssertAccessibleAsync(board);
        await Assertions.Expect(ez.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Bart Bestuurder") })).ToContainTextAsync("Ja");

        // Another member says yes and waits.
        var other = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(other, "ondernemer.lansinghage@zoetermeer.demo");
        await Rsvp(other, meetingUrl, "Ja");
        await Assertions.Expect(other.Locator("#my-answer")).ToContainTextAsync("wachtlijst");

        // The board member declines: the waiting member moves up.
        await Rsvp(board, meetingUrl, "Nee");
        await Assertions.Expect(board.Locator("#my-answer")).ToHaveTextAsync("Nee");
        await other.GotoAsync(meetingUrl);
        await Assertions.Expect(other.Locator("#my-answer")).ToHaveTextAsync("Ja");
        await Assertions.Expect(ez.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Olaf Ondernemer") })).ToContainTextAsync("Ja");

        // A finding of the schouw becomes an action on the estate's action plan.
        var finding = "Kapotte verlichting bij de ingang " + title[^6..];
        await ez.GetByLabel("Wat is er gezien?").FillAsync(finding);
        await ez.GetByRole(AriaRole.Button, new() { Name = "Bevinding vastleggen" }).ClickAsync();
        await Assertions.Expect(ez.GetByText("De bevinding is vastgelegd.")).ToBeVisibleAsync();
        await ez.GetByRole(AriaRole.Button, new() { Name = "Maak hier een actie van" }).ClickAsync();
        await Assertions.Expect(ez.GetByText("De actie staat op het plan van aanpak.")).ToBeVisibleAsync();
        await ez.GetByRole(AriaRole.Link, new() { Name = "Plan van aanpak Lansinghage" }).ClickAsync();
        await Assertions.Expect(ez.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Plan van aanpak Lansinghage");
        await Assertions.Expect(ez.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(finding)) })).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(ez);

        await ez.Context.CloseAsync();
        await board.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_meetings_list_and_calendar_page_are_accessible_on_a_phone()
    {
        var page = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(page, "bestuur.lansinghage@zoetermeer.demo");
        await page.GotoAsync("/Meetings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overleggen en schouwen");
        await BrowserHub.AssertAccessibleAsync(page);
        await page.GotoAsync("/Meetings/Calendar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Maak mijn agenda-link" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Uw agenda-link")).ToHaveValueAsync(new Regex("/calendar/[A-Za-z0-9_-]{43}\\.ics$"));
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task Rsvp(IPage page, string meetingUrl, string answer)
    {
        await page.GotoAsync(meetingUrl);
        await page.GetByLabel(answer, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Uw antwoord is opgeslagen.")).ToBeVisibleAsync();
    }
}
