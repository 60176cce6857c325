using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Watch;

public abstract class WatchTests(PpsApp app)
{
    private const string Board = "bestuur.lansinghage@zoetermeer.demo";
    private const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";
    private const string Rokkeveen = "ondernemer.rokkeveen@zoetermeer.demo";
    private const string Unvetted = "nieuw.lansinghage@zoetermeer.demo";
    private const string Police = "politie@zoetermeer.demo";
    private const string Ez = "ez@zoetermeer.demo";
    private const string Pijnacker = "oov@pijnacker.demo";

    private Task<string> LansinghageMemberAsync(VettingLevel vetting = VettingLevel.Vetted)
        => app.CreateMemberAsync("zoetermeer", vetting, (Roles.Entrepreneur, "lansinghage"));

    private Task<Guid> MemberIdAsync(string email)
        => app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());

    private async Task<Guid> PlanAsync(TimeSpan startIn, string route = "Noordrand", int? minimum = null, string estate = "lansinghage")
    {
        var board = await app.ClientForAsync(Board);
        var start = app.Clock.GetUtcNow() + startIn;
        var response = await board.PostAsJsonAsync(
            $"/api/watch/estates/{await app.EstateIdAsync(estate)}/rounds",
            new { start, end = start.AddHours(2), route, minimumPeople = minimum });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)), body);
    }

    private async Task<IReadOnlyList<MimeMessage>> MailsAboutAsync(string email, Guid roundId)
    {
        await app.RunJobAsync<SendQueuedEmailJob>();
        return app.Smtp.To(email).Where(m => (m.TextBody ?? "").Contains(roundId.ToString(), StringComparison.Ordinal)).ToArray();
    }

    private async Task<(double Lon, double Lat)> InsideLansinghageAsync()
    {
        var id = await app.EstateIdAsync("lansinghage");
        var outline = await app.WithDbAsync(db => db.Estates.Where(e => e.Id == id).Select(e => e.OutlineGeoJson).SingleAsync());
        var ring = JsonDocument.Parse(outline).RootElement.GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
        return (ring.Average(p => p.Item1), ring.Average(p => p.Item2));
    }

    [Fact]
    public async Task The_board_plans_a_round_and_vetted_members_of_the_estate_sign_up_and_withdraw()
    {
        var id = await PlanAsync(TimeSpan.FromDays(20));
        var member = await app.ClientForAsync(await LansinghageMemberAsync());

        var round = await member.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.Equal(2, round.GetProperty("minimumPeople").GetInt32());
        Assert.True(round.GetProperty("understaffed").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
        var entrepreneur = await app.ClientForAsync(Entrepreneur);
        Assert.Equal(HttpStatusCode.OK, (await entrepreneur.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
        round = await member.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.Equal(2, round.GetProperty("participants").GetArrayLength());
        Assert.False(round.GetProperty("understaffed").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await member.DeleteAsync($"/api/watch/rounds/{id}/signup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.DeleteAsync($"/api/watch/rounds/{id}/signup")).StatusCode);
        round = await member.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.Equal(1, round.GetProperty("participants").GetArrayLength());

        var month = WatchMonth(app.Clock.GetUtcNow().AddDays(20));
        var list = await member.GetFromJsonAsync<JsonElement[]>($"/api/watch/estates/{await app.EstateIdAsync("lansinghage")}/rounds?month={month}");
        Assert.Contains(list!, r => r.GetProperty("id").GetGuid() == id);
    }

    private static string WatchMonth(DateTimeOffset utc)
        => TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_round_that_ends_before_it_starts_or_lasts_too_long_is_refused_with_400()
    {
        var board = await app.ClientForAsync(Board);
        var estate = await app.EstateIdAsync("lansinghage");
        var start = app.Clock.GetUtcNow().AddDays(5);
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/estates/{estate}/rounds", new { start, end = start.AddHours(-1), route = "Zuid" }), "end");
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/estates/{estate}/rounds", new { start, end = start.AddHours(13), route = "Zuid" }), "end");
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/estates/{estate}/rounds", new { start, end = start.AddHours(1), route = "" }), "route");
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/estates/{estate}/rounds", new { start, end = start.AddHours(1), route = "Zuid", minimumPeople = 0 }), "minimumPeople");
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/estates/{estate}/rounds", new { start = start.AddDays(-10), end = start.AddDays(-10).AddHours(1), route = "Zuid" }), "start");
        await AssertInvalidAsync(await board.GetAsync($"/api/watch/estates/{estate}/rounds?month=bogus"), "month");
    }

    [Fact]
    public async Task Outsiders_are_refused_rounds_with_404_members_without_board_role_with_403_and_anonymous_with_401()
    {
        var id = await PlanAsync(TimeSpan.FromDays(21));
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        var start = app.Clock.GetUtcNow().AddDays(22);
        var body = new { start, end = start.AddHours(2), route = "Oost" };

        foreach (var outsider in new[] { Rokkeveen, Pijnacker, Unvetted, Police })
        {
            var client = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/watch/rounds/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/watch/estates/{lansinghage}/rounds")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/watch/estates/{lansinghage}/rounds", body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PostAsJsonAsync($"/api/watch/estates/{lansinghage}/rounds", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Board)).PostAsJsonAsync($"/api/watch/estates/{rokkeveen}/rounds", body)).StatusCode);

        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/watch/rounds/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/watch/estates/{lansinghage}/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/watch/estates/{lansinghage}/rounds", body)).StatusCode);
    }

    [Fact]
    public async Task The_board_assigns_only_vetted_members_of_the_estate_and_others_may_not_assign()
    {
        var id = await PlanAsync(TimeSpan.FromDays(23));
        var board = await app.ClientForAsync(Board);
        var vetted = await MemberIdAsync(await LansinghageMemberAsync());
        var unvetted = await MemberIdAsync(await LansinghageMemberAsync(VettingLevel.Registered));
        var elsewhere = await MemberIdAsync(Rokkeveen);

        Assert.Equal(HttpStatusCode.OK, (await board.PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = vetted })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await board.PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = vetted })).StatusCode);
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = unvetted }), "memberId");
        await AssertInvalidAsync(await board.PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = elsewhere }), "memberId");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = vetted })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Pijnacker)).PostAsJsonAsync($"/api/watch/rounds/{id}/assign", new { memberId = vetted })).StatusCode);
    }

    [Fact]
    public async Task A_swap_moves_the_place_only_when_the_other_member_of_the_estate_accepts()
    {
        var id = await PlanAsync(TimeSpan.FromDays(24));
        var giverEmail = await LansinghageMemberAsync();
        var takerEmail = await LansinghageMemberAsync();
        var giver = await app.ClientForAsync(giverEmail);
        var taker = await app.ClientForAsync(takerEmail);
        var takerId = await MemberIdAsync(takerEmail);
        Assert.Equal(HttpStatusCode.OK, (await giver.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);

        // Nothing was offered yet, and a place cannot go to someone of another estate.
        Assert.Equal(HttpStatusCode.NotFound, (await taker.PostAsync($"/api/watch/rounds/{id}/swap/accept", null)).StatusCode);
        await AssertInvalidAsync(await giver.PostAsJsonAsync($"/api/watch/rounds/{id}/swap", new { memberId = await MemberIdAsync(Rokkeveen) }), "memberId");
        Assert.Equal(HttpStatusCode.NotFound, (await taker.PostAsJsonAsync($"/api/watch/rounds/{id}/swap", new { memberId = takerId })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await giver.PostAsJsonAsync($"/api/watch/rounds/{id}/swap", new { memberId = takerId })).StatusCode);
        var round = await giver.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.Equal(await MemberIdAsync(giverEmail), round.GetProperty("participants")[0].GetProperty("memberId").GetGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsync($"/api/watch/rounds/{id}/swap/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await taker.PostAsync($"/api/watch/rounds/{id}/swap/accept", null)).StatusCode);
        round = await giver.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        var participants = round.GetProperty("participants").EnumerateArray().ToArray();
        Assert.Single(participants);
        Assert.Equal(takerId, participants[0].GetProperty("memberId").GetGuid());
        Assert.Equal(JsonValueKind.Null, participants[0].GetProperty("swapOfferedTo").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await giver.DeleteAsync($"/api/watch/rounds/{id}/signup")).StatusCode);
    }

    [Fact]
    public async Task The_board_is_told_once_when_a_round_within_the_notice_days_is_short_of_people()
    {
        // Starts just beyond the three-day horizon; the shared fake clock only moves ten minutes.
        var shortRound = await PlanAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));
        var fullRound = await PlanAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(6), minimum: 1);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Entrepreneur)).PostAsync($"/api/watch/rounds/{fullRound}/signup", null)).StatusCode);

        await app.RunJobAsync<WatchNoticesJob>();
        Assert.Empty(await MailsAboutAsync(Board, shortRound));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunJobAsync<WatchNoticesJob>();
        await app.RunJobAsync<WatchNoticesJob>();
        var mails = await MailsAboutAsync(Board, shortRound);
        Assert.Single(mails);
        Assert.Contains("0", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Empty(await MailsAboutAsync(Board, fullRound));
        Assert.Empty(await MailsAboutAsync(Entrepreneur, shortRound));
    }

    [Fact]
    public async Task Participants_are_reminded_once_the_configured_time_before_the_round()
    {
        var id = await PlanAsync(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(5), minimum: 1);
        var participant = await LansinghageMemberAsync();
        var bystander = await LansinghageMemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(participant)).PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);

        await app.RunJobAsync<WatchNoticesJob>();
        Assert.Empty(await MailsAboutAsync(participant, id));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunJobAsync<WatchNoticesJob>();
        await app.RunJobAsync<WatchNoticesJob>();
        Assert.Single(await MailsAboutAsync(participant, id));
        Assert.Empty(await MailsAboutAsync(bystander, id));
    }

    [Fact]
    public async Task After_the_round_a_participant_reports_and_a_finding_becomes_an_incident()
    {
        var id = await PlanAsync(TimeSpan.FromDays(25), minimum: 1);
        var participantEmail = await LansinghageMemberAsync();
        var participant = await app.ClientForAsync(participantEmail);
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);
        await AssertInvalidAsync(await participant.PostAsJsonAsync($"/api/watch/rounds/{id}/report", new { allQuiet = true }), "roundId");

        // Arrange a round that has taken place without moving the shared clock by days.
        await app.WithDbAsync(async db =>
        {
            var round = await db.PatrolRounds.SingleAsync(r => r.Id == id);
            round.StartUtc = app.Clock.GetUtcNow().AddHours(-3);
            round.EndUtc = app.Clock.GetUtcNow().AddHours(-1);
            await db.SaveChangesAsync();
        });

        await AssertInvalidAsync(await participant.PostAsJsonAsync($"/api/watch/rounds/{id}/report", new { allQuiet = false, findings = "" }), "findings");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PostAsJsonAsync($"/api/watch/rounds/{id}/report", new { allQuiet = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsJsonAsync($"/api/watch/rounds/{id}/report", new { allQuiet = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await participant.PostAsJsonAsync($"/api/watch/rounds/{id}/report", new { allQuiet = false, findings = "Hek bij nr. 12 opengebroken" })).StatusCode);
        var round = await participant.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.False(round.GetProperty("allQuiet").GetBoolean());
        Assert.Equal("Hek bij nr. 12 opengebroken", round.GetProperty("findings").GetString());

        var (lon, lat) = await InsideLansinghageAsync();
        var estate = await app.EstateIdAsync("lansinghage");
        var response = await participant.PostAsJsonAsync($"/api/watch/estates/{estate}/incidents", new
        {
            kind = "vandalism", occurredAt = app.Clock.GetUtcNow().AddHours(-2), description = "Hek opengebroken", longitude = lon, latitude = lat, roundId = id,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var incident = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, incident.GetProperty("roundId").GetGuid());
        var elsewhere = await participant.PostAsJsonAsync($"/api/watch/estates/{await app.EstateIdAsync("rokkeveen")}/incidents", new
        {
            kind = "vandalism", occurredAt = app.Clock.GetUtcNow().AddHours(-2), description = "x", longitude = lon, latitude = lat, roundId = id,
        });
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_point_outside_the_estate_is_refused_until_confirmed_and_a_unit_must_lie_on_the_estate()
    {
        var client = await app.ClientForAsync(Entrepreneur);
        var estate = await app.EstateIdAsync("lansinghage");
        var (lon, lat) = await InsideLansinghageAsync();
        var when = app.Clock.GetUtcNow().AddHours(-1);
        string url = $"/api/watch/estates/{estate}/incidents";

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(url, new { kind = "dumping", occurredAt = when, description = "Afval gestort", longitude = lon, latitude = lat })).StatusCode);
        await AssertInvalidAsync(await client.PostAsJsonAsync(url, new { kind = "dumping", occurredAt = when, description = "Afval buiten", longitude = lon + 0.05, latitude = lat }), "confirmOutside");
        var confirmed = await client.PostAsJsonAsync(url, new { kind = "dumping", occurredAt = when, description = "Afval aan de toegangsweg", longitude = lon + 0.05, latitude = lat, confirmOutside = true });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outsideOutline").GetBoolean());

        var rokkeveenUnit = await app.WithDbAsync(async db =>
        {
            var rokkeveen = await app.EstateIdAsync("rokkeveen");
            return await db.Units.Where(u => u.EstateId == rokkeveen).Select(u => u.Id).FirstAsync();
        });
        var ownUnit = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == estate).Select(u => u.Id).FirstAsync());
        await AssertInvalidAsync(await client.PostAsJsonAsync(url, new { kind = "theft", occurredAt = when, description = "Diefstal", unitId = rokkeveenUnit }), "unitId");
        var atUnit = await client.PostAsJsonAsync(url, new { kind = "theft", occurredAt = when, description = "Diefstal", unitId = ownUnit, policeReportNumber = "2026112900123" });
        Assert.Equal(HttpStatusCode.Created, atUnit.StatusCode);
        Assert.False(string.IsNullOrEmpty((await atUnit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitAddress").GetString()));

        await AssertInvalidAsync(await client.PostAsJsonAsync(url, new { kind = "theft", occurredAt = when, description = "Nergens" }), "unitId");
        await AssertInvalidAsync(await client.PostAsJsonAsync(url, new { kind = "theft", occurredAt = app.Clock.GetUtcNow().AddDays(1), description = "Morgen", unitId = ownUnit }), "occurredAt");
        await AssertInvalidAsync(await client.PostAsJsonAsync(url, new { kind = "theft", occurredAt = when, description = "", unitId = ownUnit }), "description");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(url, new { kind = "alien-landing", occurredAt = when, description = "?", unitId = ownUnit })).StatusCode);
    }

    [Fact]
    public async Task Incidents_are_visible_to_the_estates_vetted_members_staff_and_police_and_404_to_everyone_else()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var (lon, lat) = await InsideLansinghageAsync();
        var marker = "Verdacht busje " + Guid.NewGuid().ToString("N")[..8];
        var response = await (await app.ClientForAsync(Entrepreneur)).PostAsJsonAsync($"/api/watch/estates/{estate}/incidents", new
        {
            kind = "suspiciousVehicleOrPerson", occurredAt = app.Clock.GetUtcNow().AddMinutes(-30), description = marker, longitude = lon, latitude = lat,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var reader in new[] { Board, Police, Ez })
        {
            var client = await app.ClientForAsync(reader);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/watch/incidents/{id}")).StatusCode);
            var log = await client.GetFromJsonAsync<JsonElement>($"/api/watch/estates/{estate}/incidents");
            Assert.Contains(log.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("description").GetString() == marker);
        }

        foreach (var outsider in new[] { Rokkeveen, Unvetted, Pijnacker })
        {
            var client = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/watch/incidents/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/watch/estates/{estate}/incidents")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/watch/estates/{estate}/incidents", new
            {
                kind = "other", occurredAt = app.Clock.GetUtcNow().AddMinutes(-30), description = "x", longitude = lon, latitude = lat,
            })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/watch/incidents/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_incident_log_filters_by_kind_and_period_and_counts_per_kind_per_month()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var (lon, lat) = await InsideLansinghageAsync();
        var client = await app.ClientForAsync(Board);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var old = app.Clock.GetUtcNow().AddDays(-400);
        foreach (var (kind, when) in new[] { ("fire", app.Clock.GetUtcNow().AddDays(-2)), ("burglary", app.Clock.GetUtcNow().AddDays(-3)), ("fire", old) })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/watch/estates/{estate}/incidents", new
            {
                kind, occurredAt = when, description = $"{kind} {tag}", longitude = lon, latitude = lat,
            })).StatusCode);
        }

        var fires = await client.GetFromJsonAsync<JsonElement>($"/api/watch/estates/{estate}/incidents?kind=fire");
        var mine = fires.GetProperty("incidents").EnumerateArray().Where(i => i.GetProperty("description").GetString()!.EndsWith(tag, StringComparison.Ordinal)).ToArray();
        Assert.Single(mine);
        Assert.All(fires.GetProperty("incidents").EnumerateArray(), i => Assert.Equal("fire", i.GetProperty("kind").GetString()));
        Assert.Contains(fires.GetProperty("counts").EnumerateArray(), c => c.GetProperty("kind").GetString() == "fire" && c.GetProperty("count").GetInt32() >= 1);

        var from = Uri.EscapeDataString(old.AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(old.AddDays(1).ToString("O"));
        var then = await client.GetFromJsonAsync<JsonElement>($"/api/watch/estates/{estate}/incidents?from={from}&to={to}");
        Assert.Contains(then.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("description").GetString() == $"fire {tag}");
        Assert.DoesNotContain(then.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("description").GetString() == $"burglary {tag}");

        await AssertInvalidAsync(await client.GetAsync($"/api/watch/estates/{estate}/incidents?from={to}&to={from}"), "from");
        await AssertInvalidAsync(await client.GetAsync($"/api/watch/estates/{estate}/incidents?kind=meteorite"), "kind");
        await AssertInvalidAsync(await client.GetAsync($"/api/watch/estates/{estate}/incidents?kind=3"), "kind");
        var wide = Uri.EscapeDataString(old.AddDays(-800).ToString("O"));
        await AssertInvalidAsync(await client.GetAsync($"/api/watch/estates/{estate}/incidents?from={wide}&to={to}"), "from");
    }
}

[Collection(SqliteApp.Collection)]
public sealed class WatchTestsOnSqlite(SqliteApp app) : WatchTests(app);

[Collection(PostgresApp.Collection)]
public sealed class WatchTestsOnPostgres(PostgresApp app) : WatchTests(app);
