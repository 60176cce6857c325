using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class WatchBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task The_board_plans_a_round_two_members_sign_up_and_an_incident_clicked_on_the_map_shows_on_the_map_and_in_the_table()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var route = "Ronde " + tag;
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, amsterdam).DateTime).AddDays(2);
        var roster = "/Watch?month=" + day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // The board plans a round, on a phone.
        var board = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await board.GotoAsync(roster);
        await BrowserHub.AssertAccessibleAsync(board);
        await board.GetByLabel("Datum").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await board.GetByLabel("Begin").FillAsync("21:00");
        await board.GetByLabel("Einde").FillAsync("23:00");
        await board.GetByLabel("Route of zones").FillAsync(route);
        await board.GetByRole(AriaRole.Button, new() { Name = "Inplannen" }).ClickAsync();
        var row = board.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(route)) });
        await Assertions.Expect(row).ToContainTextAsync("0 / 2");

        // Two members sign up.
        await row.GetByRole(AriaRole.Button, new() { Name = "Inschrijven" }).ClickAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(route)) })).ToContainTextAsync("1 / 2");
        var member = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(member, "ondernemer.lansinghage@zoetermeer.demo");
        await member.GotoAsync(roster);
        await member.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(route)) }).GetByRole(AriaRole.Button, new() { Name = "Inschrijven" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(route)) })).ToContainTextAsync("2 / 2");
        await BrowserHub.AssertAccessibleAsync(member);

        // One of them logs an incident by clicking on the estate map.
        var description = "Hek opengebroken " + tag;
        await member.GetByRole(AriaRole.Link, new() { Name = "Incident melden" }).First.ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Incident op Lansinghage");
        await BrowserHub.AssertAccessibleAsync(member);
        await member.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Label = "Vernieling" });
        await member.Locator("svg[data-pick]").ClickAsync();
        await Assertions.Expect(member.GetByLabel("Lengtegraad")).ToHaveValueAsync(new Regex(@"^\d+\.\d{6}$"));
        await Assertions.Expect(member.GetByLabel("Breedtegraad")).ToHaveValueAsync(new Regex(@"^5\d\.\d{6}$"));

        // The keyboard moves the point too (map-picker.js, shared with the signal forms): east is a larger longitude.
        var clicked = double.Parse(await member.GetByLabel("Lengtegraad").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await member.Locator("svg[data-pick]").PressAsync("ArrowRight");
        await Assertions.Expect(member.GetByLabel("Lengtegraad")).Not.ToHaveValueAsync(clicked.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(double.Parse(await member.GetByLabel("Lengtegraad").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture) > clicked);
        await member.GetByLabel("Omschrijving").FillAsync(description);
        await member.GetByRole(AriaRole.Button, new() { Name = "Incident vastleggen" }).ClickAsync();

        // It is on the map and in the table.
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kaart en incidenten Lansinghage");
        var incidentRow = member.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(description)) });
        await Assertions.Expect(incidentRow).ToContainTextAsync("Vernieling");
        await Assertions.Expect(incidentRow).ToContainTextAsync("Olaf Ondernemer");
        var href = await incidentRow.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        Assert.Matches("^/Watch/Incidents/[0-9a-f-]{36}$", href);
        await Assertions.Expect(member.Locator($"svg rect.watch-incident--vandalism[data-incident='{href!.Split('/')[^1]}']")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(member);

        await member.GotoAsync(href!);
        await Assertions.Expect(member.GetByText(description)).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(member);
        await member.GotoAsync("/Watch/Cameras");
        await Assertions.Expect(member.GetByLabel("Pand")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(member);

        // The board's page of the round: assign, change and cancel, also on a phone.
        await board.GotoAsync(roster);
        await board.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(route)) }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Olaf Ondernemer" })).ToBeVisibleAsync();
        await Assertions.Expect(board.GetByLabel("Route of zones")).ToHaveValueAsync(route);
        await BrowserHub.AssertAccessibleAsync(board);

        await board.Context.CloseAsync();
        await member.Context.CloseAsync();
    }
}
