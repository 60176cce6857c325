using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Email;
using static Pps.Tests.Watch.WatchTestKit;

namespace Pps.Tests.Watch;

public abstract class RoundChangeTests(PpsApp app)
{
    private Task<string> LansinghageMemberAsync() => app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Entrepreneur, "lansinghage"));

    private async Task<Guid> PlanAsync(TimeSpan startIn, string? route = null)
    {
        var start = app.Clock.GetUtcNow() + startIn;
        var response = await (await app.ClientForAsync(Board)).PostAsJsonAsync(
            $"/api/watch/estates/{await app.EstateIdAsync("lansinghage")}/rounds", new { start, end = start.AddHours(2), route = route ?? "Zuidrand" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<string[]> MailSubjectsAsync(string email, Guid roundId)
    {
        await app.RunJobAsync<SendQueuedEmailJob>();
        return app.Smtp.To(email).Where(m => (m.TextBody ?? "").Contains(roundId.ToString(), StringComparison.Ordinal)).Select(m => m.Subject ?? "").ToArray();
    }

    [Fact]
    public async Task The_board_changes_a_round_and_its_participants_are_mailed_the_new_time()
    {
        var id = await PlanAsync(TimeSpan.FromDays(40));
        var participant = await LansinghageMemberAsync();
        var bystander = await LansinghageMemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(participant)).PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);

        var board = await app.ClientForAsync(Board);
        var start = app.Clock.GetUtcNow().AddDays(41);
        var response = await board.PutAsJsonAsync($"/api/watch/rounds/{id}", new { start, end = start.AddHours(3), route = "Noordrand en inrit", minimumPeople = 3 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var round = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Noordrand en inrit", round.GetProperty("route").GetString());
        Assert.Equal(3, round.GetProperty("minimumPeople").GetInt32());
        Assert.Equal(start.UtcDateTime, round.GetProperty("start").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));

        var mails = await MailSubjectsAsync(participant, id);
        Assert.Single(mails);
        Assert.Empty(await MailSubjectsAsync(bystander, id));
    }

    [Fact]
    public async Task Changing_a_round_is_refused_for_bad_times_non_board_members_and_other_estates()
    {
        var id = await PlanAsync(TimeSpan.FromDays(42));
        var board = await app.ClientForAsync(Board);
        var start = app.Clock.GetUtcNow().AddDays(43);
        await AssertInvalidAsync(await board.PutAsJsonAsync($"/api/watch/rounds/{id}", new { start, end = start.AddHours(-1), route = "Zuid" }), "end");
        await AssertInvalidAsync(await board.PutAsJsonAsync($"/api/watch/rounds/{id}", new { start, end = start.AddHours(13), route = "Zuid" }), "end");
        await AssertInvalidAsync(await board.PutAsJsonAsync($"/api/watch/rounds/{id}", new { start = start.AddDays(-60), end = start.AddDays(-60).AddHours(1), route = "Zuid" }), "start");
        var body = new { start, end = start.AddHours(1), route = "Zuid" };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PutAsJsonAsync($"/api/watch/rounds/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PostAsync($"/api/watch/rounds/{id}/cancel", null)).StatusCode);
        foreach (var outsider in new[] { Rokkeveen, Pijnacker, Unvetted, Police })
        {
            var client = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/watch/rounds/{id}", body)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/watch/rounds/{id}/cancel", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await board.PostAsync($"/api/watch/rounds/{Guid.NewGuid()}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_round_mails_its_participants_once_and_takes_no_more_sign_ups_or_changes()
    {
        var id = await PlanAsync(TimeSpan.FromDays(44));
        var participant = await LansinghageMemberAsync();
        var late = await LansinghageMemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(participant)).PostAsync($"/api/watch/rounds/{id}/signup", null)).StatusCode);

        var board = await app.ClientForAsync(Board);
        Assert.Equal(HttpStatusCode.OK, (await board.PostAsync($"/api/watch/rounds/{id}/cancel", null)).StatusCode);
        await AssertInvalidAsync(await board.PostAsync($"/api/watch/rounds/{id}/cancel", null), "roundId");
        await AssertInvalidAsync(await (await app.ClientForAsync(late)).PostAsync($"/api/watch/rounds/{id}/signup", null), "roundId");
        var start = app.Clock.GetUtcNow().AddDays(45);
        await AssertInvalidAsync(await board.PutAsJsonAsync($"/api/watch/rounds/{id}", new { start, end = start.AddHours(1), route = "Zuid" }), "roundId");

        var round = await board.GetFromJsonAsync<JsonElement>($"/api/watch/rounds/{id}");
        Assert.True(round.GetProperty("cancelled").GetBoolean());
        Assert.False(round.GetProperty("understaffed").GetBoolean());
        Assert.Single(await MailSubjectsAsync(participant, id));
        Assert.Empty(await MailSubjectsAsync(late, id));
    }

    [Fact]
    public async Task The_calendar_feed_lists_only_the_members_own_rounds_and_stops_when_the_token_is_revoked()
    {
        var mine = await PlanAsync(TimeSpan.FromDays(46), "Feedronde eigen");
        var cancelled = await PlanAsync(TimeSpan.FromDays(47), "Feedronde geannuleerd");
        var other = await PlanAsync(TimeSpan.FromDays(48), "Feedronde ander");
        var email = await LansinghageMemberAsync();
        var member = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/watch/rounds/{mine}/signup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/watch/rounds/{cancelled}/signup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Board)).PostAsync($"/api/watch/rounds/{cancelled}/cancel", null)).StatusCode);

        var issued = await (await member.PostAsync("/api/meetings/calendar-token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("url").GetString()!.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal);
        var anonymous = app.AnonymousClient();
        using var response = await anonymous.GetAsync($"/calendar/watch/{token}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        // Read with the tests' own strict RFC 5545 parser, not with the library that wrote it.
        var events = Meetings.StrictIcsParser.Parse(ics).Events.ToDictionary(e => e["UID"]!);
        Assert.Equal("CONFIRMED", events[$"watch-round-{mine:N}@pps-hub"]["STATUS"]);
        Assert.Equal("CANCELLED", events[$"watch-round-{cancelled:N}@pps-hub"]["STATUS"]);
        Assert.DoesNotContain($"watch-round-{other:N}@pps-hub", events.Keys);
        Assert.Contains("Feedronde eigen", Meetings.StrictIcsParser.Text(events[$"watch-round-{mine:N}@pps-hub"]["DESCRIPTION"]!));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/calendar/watch/{new string('A', 43)}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/watch/short.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync("/api/meetings/calendar-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/calendar/watch/{token}.ics")).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class RoundChangeTestsOnSqlite(SqliteApp app) : RoundChangeTests(app);

[Collection(PostgresApp.Collection)]
public sealed class RoundChangeTestsOnPostgres(PostgresApp app) : RoundChangeTests(app);
