using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Watch.WatchTestKit;

namespace Pps.Tests.Watch;

/// <summary>The pages added in the second increment: changing, cancelling, assigning and swapping rounds, incidents, cameras, the feed, the dashboard.</summary>
public abstract class WatchRoundPagesTests(PpsApp app)
{
    private async Task<PageSession> SignInAsync(string email)
    {
        var session = new PageSession(app);
        Assert.NotNull(await session.LoginAsync(email, DemoData.Password));
        return session;
    }

    private async Task<Guid> PlanAsync(TimeSpan startIn, string route)
    {
        var start = app.Clock.GetUtcNow() + startIn;
        var response = await (await app.ClientForAsync(Board)).PostAsJsonAsync(
            $"/api/watch/estates/{await app.EstateIdAsync("lansinghage")}/rounds", new { start, end = start.AddHours(2), route });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<Guid> MemberIdAsync(string email) => app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task The_board_assigns_changes_and_cancels_a_round_through_its_page_and_a_participant_offers_a_swap()
    {
        var id = await PlanAsync(TimeSpan.FromDays(50), "Paginaronde " + Guid.NewGuid().ToString("N")[..6]);
        var page = $"/Watch/Rounds/{id}";
        var giver = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage"));
        var taker = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage"));

        using var board = await SignInAsync(Board);
        var (_, html) = await board.GetAsync(page);
        Assert.Contains("name=\"memberId\"", html);
        Assert.Contains("Change.Route", html);
        var assigned = await board.PostFormAsync(page, new Dictionary<string, string> { ["memberId"] = (await MemberIdAsync(giver)).ToString() }, $"{page}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        using var member = await SignInAsync(giver);
        var offered = await member.PostFormAsync(page, new Dictionary<string, string> { ["memberId"] = (await MemberIdAsync(taker)).ToString() }, $"{page}?handler=OfferSwap");
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        Assert.Equal(await MemberIdAsync(taker), await app.WithDbAsync(db => db.PatrolSignups.Where(s => s.RoundId == id).Select(s => s.SwapOfferedTo).SingleAsync()));
        Assert.DoesNotContain("Change.Route", (await member.GetAsync(page)).Html);

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime).AddDays(51);
        var changed = await board.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Change.Date"] = day.ToString("yyyy-MM-dd"), ["Change.Start"] = "23:00", ["Change.End"] = "01:30", ["Change.Route"] = "Gewijzigde route", ["Change.MinimumPeople"] = "3",
        }, $"{page}?handler=Change");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var round = await app.WithDbAsync(db => db.PatrolRounds.SingleAsync(r => r.Id == id));
        Assert.Equal("Gewijzigde route", round.Route);
        Assert.Equal(TimeSpan.FromHours(2.5), round.EndUtc - round.StartUtc);

        var bad = await board.PostFormAsync(page, new Dictionary<string, string>
        {
            ["Change.Date"] = day.ToString("yyyy-MM-dd"), ["Change.Start"] = "20:00", ["Change.End"] = "21:00", ["Change.Route"] = "", ["Change.MinimumPeople"] = "2",
        }, $"{page}?handler=Change");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("validation-summary-errors", await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await board.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=Cancel")).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.PatrolRounds.Where(r => r.Id == id).Select(r => r.CancelledAt).SingleAsync()));
        Assert.DoesNotContain("Change.Route", (await board.GetAsync(page)).Html);
    }

    [Fact]
    public async Task The_incident_page_offers_sharing_to_the_board_and_the_signal_to_staff_only()
    {
        var id = await app.LogIncidentAsync(Entrepreneur, "Paginaincident " + Guid.NewGuid().ToString("N")[..6]);
        var page = $"/Watch/Incidents/{id}";
        using var police = await SignInAsync(Police);
        var (status, html) = await police.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("handler=PromotePost", html);
        Assert.DoesNotContain("handler=PromoteSignal", html);

        using var board = await SignInAsync(Board);
        Assert.DoesNotContain("handler=PromoteSignal", (await board.GetAsync(page)).Html);
        Assert.Equal(HttpStatusCode.Redirect, (await board.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=PromotePost")).StatusCode);
        var shared = (await board.GetAsync(page)).Html;
        Assert.Contains("/Boards/Posts/", shared);
        Assert.DoesNotContain("handler=PromotePost", shared);

        using var oov = await SignInAsync(Oov);
        Assert.Equal(HttpStatusCode.Redirect, (await oov.PostFormAsync(page, new Dictionary<string, string>(), $"{page}?handler=PromoteSignal")).StatusCode);
        Assert.Contains("/Signals/Case/", (await oov.GetAsync(page)).Html);
        Assert.DoesNotContain("/Signals/Case/", (await board.GetAsync(page)).Html);
    }

    [Fact]
    public async Task Cameras_are_registered_with_a_unit_picker_and_drawn_on_the_map_for_police_only()
    {
        var covers = "Kaartcamera " + Guid.NewGuid().ToString("N")[..6];
        using var owner = await SignInAsync(Entrepreneur);
        var (_, form) = await owner.GetAsync("/Watch/Cameras");
        var unit = System.Text.RegularExpressions.Regex.Match(form, "<select id=\"unit\" name=\"UnitId\"[^>]*>\\s*<option value=\"([0-9a-f-]{36})\"");
        Assert.True(unit.Success, "the camera form offers the business's own units");
        var (lon, lat) = await app.InsideLansinghageAsync();
        var registered = await owner.PostFormAsync("/Watch/Cameras", new Dictionary<string, string>
        {
            ["UnitId"] = unit.Groups[1].Value, ["Longitude"] = lon.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Latitude"] = lat.ToString(System.Globalization.CultureInfo.InvariantCulture), ["DirectionDegrees"] = "90", ["Covers"] = covers,
            ["RetentionDays"] = "14", ["Contact"] = "Receptie, 079-1111111",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var estate = await app.EstateIdAsync("lansinghage");
        using var police = await SignInAsync(Police);
        var map = (await police.GetAsync($"/Watch/Map/{estate}")).Html;
        Assert.Contains("watch-camera-view", map);
        Assert.Contains(covers, map);
        Assert.DoesNotContain(covers, (await owner.GetAsync($"/Watch/Map/{estate}")).Html);
    }

    [Fact]
    public async Task The_dashboard_shows_my_next_round_and_the_board_sees_short_staffed_rounds()
    {
        var id = await PlanAsync(TimeSpan.FromDays(4), "Dashboardronde " + Guid.NewGuid().ToString("N")[..6]);
        var email = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(email)).PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);

        using var member = await SignInAsync(email);
        Assert.Contains($"/Watch/Rounds/{id}", (await member.GetAsync("/Dashboard")).Html);
        using var board = await SignInAsync(Board);
        Assert.Contains($"/Watch/Rounds/{id}", (await board.GetAsync("/Dashboard")).Html);
        using var outsider = await SignInAsync(Rokkeveen);
        Assert.DoesNotContain($"/Watch/Rounds/{id}", (await outsider.GetAsync("/Dashboard")).Html);
    }

    [Fact]
    public async Task The_roster_page_makes_a_calendar_address_for_the_rounds_feed()
    {
        var email = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage"));
        using var member = await SignInAsync(email);
        var made = await member.PostFormAsync("/Watch", new Dictionary<string, string>(), "/Watch?handler=Feed");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var url = System.Text.RegularExpressions.Regex.Match(await made.Content.ReadAsStringAsync(), "<code>[^<]*(/calendar/watch/[A-Za-z0-9_-]{43}\\.ics)</code>");
        Assert.True(url.Success);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync(url.Groups[1].Value)).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class WatchRoundPagesTestsOnSqlite(SqliteApp app) : WatchRoundPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class WatchRoundPagesTestsOnPostgres(PostgresApp app) : WatchRoundPagesTests(app);
