using System.Net;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Alerts;
using Pps.Tests.Infrastructure;
using Pps.Tests.Meetings;

namespace Pps.Tests.Security;

/// <summary>
/// Who saw which personal data: reading an alert's receipts, a meeting's attendee list and the vetting queue each
/// leaves an audit entry naming the reader and the object; a refused read leaves none.
/// </summary>
public abstract class PersonalDataReadAuditTests(PpsApp app)
{
    [Fact]
    public async Task Reading_an_alerts_receipts_is_audited_and_a_refused_read_is_not()
    {
        var oov = await app.ClientForAsync(AlertsTestKit.Oov);
        var alert = (await oov.PostOkAsync(AlertsTestKit.Body(AlertsTestKit.Unique("Audit receipts"), [await app.EstateIdAsync("lansinghage")]))).Id();

        var outsider = await app.ClientForAsync(AlertsTestKit.Pijnacker);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/alerts/{alert}/receipts")).StatusCode);
        Assert.Empty(await EntriesAsync("alert.receipts-viewed", $"alert:{alert}"));

        Assert.Equal(HttpStatusCode.OK, (await oov.GetAsync($"/api/alerts/{alert}/receipts")).StatusCode);
        var entry = Assert.Single(await EntriesAsync("alert.receipts-viewed", $"alert:{alert}"));
        Assert.Equal(await MeetingTestKit.MemberIdAsync(app, AlertsTestKit.Oov), entry.ActorId);
    }

    [Fact]
    public async Task Reading_a_meetings_attendee_list_is_audited_and_a_refused_read_is_not()
    {
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var meeting = await MeetingTestKit.CreateAsync(app, ez, "Audit attendees " + Guid.NewGuid().ToString("N")[..8], []);

        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.GetAsync($"/api/meetings/{meeting}/attendees")).StatusCode);
        Assert.Empty(await EntriesAsync("meeting.attendees-viewed", $"meeting:{meeting}"));

        Assert.Equal(HttpStatusCode.OK, (await ez.GetAsync($"/api/meetings/{meeting}/attendees")).StatusCode);
        var entry = Assert.Single(await EntriesAsync("meeting.attendees-viewed", $"meeting:{meeting}"));
        Assert.Equal(await MeetingTestKit.MemberIdAsync(app, "ez@zoetermeer.demo"), entry.ActorId);
    }

    [Fact]
    public async Task Reading_the_vetting_queue_is_audited_and_a_refused_read_is_not()
    {
        // Fresh callers, so entries of other tests (or other runs of the queue) cannot be mistaken for these.
        var ezEmail = await SecurityCallers.CopyOfAsync(app, "ez@zoetermeer.demo");
        var unvettedEmail = await app.CreateMemberAsync(vetting: Pps.Web.Features.Members.VettingLevel.Registered, roles: ("entrepreneur", "lansinghage"));
        var ezId = await MeetingTestKit.MemberIdAsync(app, ezEmail);
        var unvettedId = await MeetingTestKit.MemberIdAsync(app, unvettedEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(unvettedEmail)).GetAsync("/api/vetting/queue")).StatusCode);
        Assert.Empty(await EntriesByAsync("vetting.queue-viewed", unvettedId));

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(ezEmail)).GetAsync("/api/vetting/queue")).StatusCode);
        Assert.Single(await EntriesByAsync("vetting.queue-viewed", ezId));
    }

    private Task<List<Pps.Web.Infrastructure.Audit.AuditEntry>> EntriesAsync(string action, string obj)
        => app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.Object == obj).ToListAsync());

    private Task<List<Pps.Web.Infrastructure.Audit.AuditEntry>> EntriesByAsync(string action, Guid actorId)
        => app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.ActorId == actorId).ToListAsync());
}

[Collection(SqliteApp.Collection)]
public sealed class PersonalDataReadAuditTestsOnSqlite(SqliteApp app) : PersonalDataReadAuditTests(app);

[Collection(PostgresApp.Collection)]
public sealed class PersonalDataReadAuditTestsOnPostgres(PostgresApp app) : PersonalDataReadAuditTests(app);
