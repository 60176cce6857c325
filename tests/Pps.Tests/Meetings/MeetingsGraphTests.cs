using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Meetings;
using static Pps.Tests.Meetings.MeetingTestKit;

namespace Pps.Tests.Meetings;

public abstract class MeetingsGraphTests(GraphApp app)
{
    private const string Ez = "ez@zoetermeer.demo";

    [Fact]
    public async Task A_staff_organisers_meeting_becomes_a_Teams_event_whose_join_link_reaches_the_invitation()
    {
        var guest = await app.CreateMember(("entrepreneur", "lansinghage"));
        var ez = await app.ClientForAsync(Ez);
        var title = "Teams-overleg " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(app, ez, title, [Person(await MemberIdAsync(app, guest))]);

        var create = app.Graph.Calls.Single(c => c.Method == "POST" && Subject(c) == title);
        Assert.Matches("^/v1.0/users/[^/]+/events$", create.Path);
        Assert.Contains("ez", WebUtility.UrlDecode(create.Path), StringComparison.Ordinal);
        Assert.Equal("Bearer " + GraphStandIn.Token, create.Authorization);
        var body = create.Body!.Value;
        Assert.True(body.GetProperty("isOnlineMeeting").GetBoolean(), body.ToString());
        Assert.Equal("teamsForBusiness", body.GetProperty("onlineMeetingProvider").GetString());
        Assert.Equal("UTC", body.GetProperty("start").GetProperty("timeZone").GetString());
        Assert.Contains(body.GetProperty("attendees").EnumerateArray(), a => a.GetProperty("emailAddress").GetProperty("address").GetString() == guest);

        var meeting = await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal(GraphSyncState.Synced, meeting.GraphState);
        Assert.Equal(GraphStandIn.JoinUrlFor(meeting.GraphEventId!), meeting.OnlineUrl);
        var (_, ics) = Calendars(Assert.Single(await MailAsync(app, guest))).Single();
        Assert.Equal(meeting.OnlineUrl, StrictIcsParser.Parse(ics).Events.Single()["URL"]);

        // A change PATCHes the same event; a cancellation POSTs to its cancel action.
        Assert.Equal(HttpStatusCode.OK, (await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = title + " (verzet)", start = LocalAt(app, 5), end = LocalAt(app, 5, 11) })).StatusCode);
        var patch = app.Graph.Calls.Single(c => c.Method == "PATCH" && c.Path.EndsWith("/events/" + meeting.GraphEventId, StringComparison.Ordinal));
        Assert.Equal(title + " (verzet)", patch.Body!.Value.GetProperty("subject").GetString());
        Assert.False(patch.Body!.Value.TryGetProperty("isOnlineMeeting", out _));

        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);
        var cancel = app.Graph.Calls.Single(c => c.Method == "POST" && c.Path.EndsWith($"/events/{meeting.GraphEventId}/cancel", StringComparison.Ordinal));
        // The SDK writes the action's parameter as "Comment" (Graph's metadata name); Graph reads it case-insensitively.
        Assert.Contains(cancel.Body!.Value.EnumerateObject(), p => string.Equals(p.Name, "comment", StringComparison.OrdinalIgnoreCase) && p.Value.GetString()!.Contains(title, StringComparison.Ordinal));
        Assert.Equal(GraphSyncState.Synced, (await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id))).GraphState);
    }

    [Fact]
    public async Task When_Graph_fails_the_meeting_is_kept_shown_as_pending_and_the_job_retries_and_mails_the_link()
    {
        var guest = await app.CreateMember(("entrepreneur", "lansinghage"));
        var ez = await app.ClientForAsync(Ez);
        var title = "Graph storing " + Guid.NewGuid().ToString("N")[..6];
        app.Graph.FailNext(1);
        var id = await CreateAsync(app, ez, title, [Person(await MemberIdAsync(app, guest))]);

        var detail = await ez.GetFromJsonAsync<JsonElement>($"/api/meetings/{id}");
        Assert.Equal("pending", detail.GetProperty("graphState").GetString());
        Assert.Contains("temporarily unavailable", detail.GetProperty("graphLastError").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("onlineUrl").ValueKind);
        var invitation = Calendars(Assert.Single(await MailAsync(app, guest))).Single();
        Assert.Null(StrictIcsParser.Parse(invitation.Text).Events.Single()["URL"]);

        // Not yet due: the back-off holds the retry.
        await app.RunJobAsync<SyncMeetingsToGraphJob>();
        Assert.Equal(GraphSyncState.Pending, (await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id))).GraphState);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.RunJobAsync<SyncMeetingsToGraphJob>();

        var meeting = await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal(GraphSyncState.Synced, meeting.GraphState);
        Assert.Null(meeting.GraphLastError);
        Assert.Equal(GraphStandIn.JoinUrlFor(meeting.GraphEventId!), meeting.OnlineUrl);
        Assert.Equal(2, app.Graph.Calls.Count(c => c.Method == "POST" && Subject(c) == title));

        var update = (await MailAsync(app, guest)).SelectMany(Calendars).Last();
        var evt = StrictIcsParser.Parse(update.Text).Events.Single();
        Assert.Equal("1", evt["SEQUENCE"]);
        Assert.Equal(meeting.OnlineUrl, evt["URL"]);
    }

    private static string? Subject(GraphStandIn.Call c)
        => c.Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("subject", out var s) ? s.GetString() : null;

    [Fact]
    public async Task A_board_members_meeting_does_not_go_to_Graph()
    {
        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var title = "Bestuur zonder Outlook " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(app, board, title, []);
        Assert.DoesNotContain(app.Graph.Calls, c => Subject(c) == title);
        Assert.Equal(GraphSyncState.NotUsed, (await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id))).GraphState);
    }
}

[Collection(GraphSqliteApp.Collection)]
public sealed class MeetingsGraphTestsOnSqlite(GraphSqliteApp app) : MeetingsGraphTests(app);

[Collection(GraphPostgresApp.Collection)]
public sealed class MeetingsGraphTestsOnPostgres(GraphPostgresApp app) : MeetingsGraphTests(app);
