using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Watch;

/// <summary>The watch pages as a browser without JavaScript uses them: cookie sign-in, forms with antiforgery.</summary>
public abstract class WatchPagesTests(PpsApp app)
{
    private async Task<PageSession> SignInAsync(string email)
    {
        var session = new PageSession(app);
        Assert.NotNull(await session.LoginAsync(email, DemoData.Password));
        return session;
    }

    [Fact]
    public async Task A_board_member_plans_a_round_two_members_sign_up_and_a_logged_incident_shows_on_the_map_and_table()
    {
        var route = "Route " + Guid.NewGuid().ToString("N")[..8];
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), amsterdam).DateTime).AddDays(30);
        var estate = await app.EstateIdAsync("lansinghage");
        var month = day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        using var board = await SignInAsync("bestuur.lansinghage@zoetermeer.demo");
        var planned = await board.PostFormAsync($"/Watch?month={month}", new Dictionary<string, string>
        {
            ["Plan.EstateId"] = estate.ToString(), ["Plan.Date"] = day.ToString("yyyy-MM-dd"), ["Plan.Start"] = "22:00", ["Plan.End"] = "01:00",
            ["Plan.Route"] = route, ["Plan.MinimumPeople"] = "2",
        }, $"/Watch?handler=Plan&month={month}");
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var round = await app.WithDbAsync(db => db.PatrolRounds.SingleAsync(r => r.Route == route));
        Assert.Equal(TimeSpan.FromHours(3), round.EndUtc - round.StartUtc);

        foreach (var email in new[] { "ondernemer.lansinghage@zoetermeer.demo", await app.CreateMemberAsync("zoetermeer", Pps.Web.Features.Members.VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage")) })
        {
            using var member = await SignInAsync(email);
            var (_, roster) = await member.GetAsync($"/Watch?month={month}");
            Assert.Contains(route, roster);
            var signed = await member.PostFormAsync($"/Watch?month={month}", new Dictionary<string, string> { ["roundId"] = round.Id.ToString() }, $"/Watch?handler=SignUp&month={month}");
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        Assert.Equal(2, await app.WithDbAsync(db => db.PatrolSignups.CountAsync(s => s.RoundId == round.Id)));
        var (status, details) = await board.GetAsync($"/Watch/Rounds/{round.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Olaf Ondernemer", details);

        var unit = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == estate).OrderBy(u => u.BagId).Select(u => u.Id).FirstAsync());
        var description = "Inbraakpoging " + Guid.NewGuid().ToString("N")[..8];
        var newPage = $"/Watch/Incidents/New?estateId={estate}";
        var logged = await board.PostFormAsync(newPage, new Dictionary<string, string>
        {
            ["EstateId"] = estate.ToString(), ["Kind"] = "Burglary",
            ["OccurredLocal"] = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddHours(-1), amsterdam).ToString("yyyy-MM-ddTHH:mm"),
            ["UnitId"] = unit.ToString(), ["Description"] = description,
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        var (mapStatus, map) = await board.GetAsync($"/Watch/Map/{estate}?Kind=Burglary");
        Assert.Equal(HttpStatusCode.OK, mapStatus);
        Assert.Contains(description, map);
        Assert.Contains("<svg", map);
        Assert.Matches(new Regex("<polygon points=\"[0-9., ]+\" class=\"watch-outline\""), map);
        Assert.Contains("watch-incident--burglary", map);
        Assert.Contains("id=\"count-table\"", map);
    }

    [Fact]
    public async Task A_point_outside_the_estate_asks_for_confirmation_on_the_incident_form()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        using var member = await SignInAsync("ondernemer.lansinghage@zoetermeer.demo");
        var page = $"/Watch/Incidents/New?estateId={estate}";
        var fields = new Dictionary<string, string>
        {
            ["EstateId"] = estate.ToString(), ["Kind"] = "Dumping", ["Longitude"] = "5.9", ["Latitude"] = "50.9", ["Description"] = "Ver weg",
            ["OccurredLocal"] = "2020-01-01T10:00",
        };
        var empty = await member.PostFormAsync(page, new Dictionary<string, string>(fields) { ["Description"] = "", ["Longitude"] = "4,5" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("validation-summary-errors", await empty.Content.ReadAsStringAsync());
        var response = await member.PostFormAsync(page, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"ConfirmOutside\"", await response.Content.ReadAsStringAsync());
        fields["ConfirmOutside"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync(page, fields)).StatusCode);
    }

    [Fact]
    public async Task The_camera_page_shows_the_register_to_police_only_and_a_business_registers_through_the_form()
    {
        var covers = "Inrit " + Guid.NewGuid().ToString("N")[..8];
        var unit = await app.WithDbAsync(db => db.Units.Where(u => u.OccupantOrganisationId == db.Members.Where(m => m.Email == "ondernemer.lansinghage@zoetermeer.demo").Select(m => m.OrganisationId).Single()).Select(u => u.Id).FirstAsync());
        using var owner = await SignInAsync("ondernemer.lansinghage@zoetermeer.demo");
        var registered = await owner.PostFormAsync("/Watch/Cameras", new Dictionary<string, string>
        {
            ["UnitId"] = unit.ToString(), ["Longitude"] = "4.49", ["Latitude"] = "52.06", ["DirectionDegrees"] = "180", ["Covers"] = covers,
            ["RetentionDays"] = "28", ["Contact"] = "079-7654321",
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Redirect, $"{registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");

        using var police = await SignInAsync("politie@zoetermeer.demo");
        Assert.Contains(covers, (await police.GetAsync("/Watch/Cameras")).Html);
        using var neighbour = await SignInAsync("bestuur.lansinghage@zoetermeer.demo");
        Assert.DoesNotContain(covers, (await neighbour.GetAsync("/Watch/Cameras")).Html);
    }

    [Fact]
    public async Task Watch_pages_of_another_estate_are_404_and_anonymous_visitors_are_sent_to_log_in()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        using var outsider = await SignInAsync("ondernemer.rokkeveen@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Watch/Map/{lansinghage}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Watch/Incidents/New?estateId={lansinghage}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Watch/Rounds/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync("/Watch")).Status);

        using var anonymous = new PageSession(app);
        var (status, _) = await anonymous.GetAsync($"/Watch/Map/{lansinghage}");
        Assert.True(status is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, status.ToString());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class WatchPagesTestsOnSqlite(SqliteApp app) : WatchPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class WatchPagesTestsOnPostgres(PostgresApp app) : WatchPagesTests(app);
