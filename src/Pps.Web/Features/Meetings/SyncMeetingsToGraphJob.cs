using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Meetings;

/// <summary>Retries Outlook events that could not be synchronised; a new Teams link is mailed to the invitees as an update.</summary>
internal sealed class SyncMeetingsToGraphJob(PpsDb db, ITenantContext tenant, MeetingGraphSync sync, MeetingMailer mailer, TimeProvider clock) : IJob
{
    public static string Name => "meetings-graph-sync";

    public static TimeSpan Interval => TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var due = await db.Meetings
            .Where(m => m.GraphState == GraphSyncState.Pending && (m.GraphNextAttemptAt == null || m.GraphNextAttemptAt <= now))
            .OrderBy(m => m.GraphNextAttemptAt)
            .Take(20)
            .ToListAsync(ct);
        foreach (var meeting in due)
        {
            if (await sync.TryAsync(meeting, ct) && meeting.CancelledAt is null)
            {
                meeting.Sequence++;
                await mailer.QueueAsync(meeting, await MeetingMailer.Interested(db, meeting.Id).ToListAsync(ct), MeetingMail.Update, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An RSVP landed meanwhile. The Outlook event exists now: keep its id, or the next pass makes a second one.
                var (eventId, state, url, error, next, attempts, sequence) = (meeting.GraphEventId, meeting.GraphState, meeting.OnlineUrl, meeting.GraphLastError, meeting.GraphNextAttemptAt, meeting.GraphAttempts, meeting.Sequence);
                await db.Entry(meeting).ReloadAsync(ct);
                (meeting.GraphEventId, meeting.GraphState, meeting.OnlineUrl, meeting.GraphLastError, meeting.GraphNextAttemptAt, meeting.GraphAttempts, meeting.Sequence) = (eventId, state, url, error, next, attempts, sequence);
                await db.SaveChangesAsync(ct);
            }
        }
    }
}
