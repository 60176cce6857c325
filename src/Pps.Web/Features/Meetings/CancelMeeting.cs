using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>Cancels a meeting: invitees get <c>METHOD:CANCEL</c> with the same UID and a higher SEQUENCE.</summary>
public sealed record CancelMeeting(Guid MeetingId) : ICommand<Result>;

internal sealed class CancelMeetingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit, MeetingMailer mailer, MeetingGraphSync graph)
    : ICommandHandler<CancelMeeting, Result>
{
    public async ValueTask<Result> Handle(CancelMeeting cmd, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, cmd.MeetingId, ct);
        if (meeting is null)
        {
            return Result.NotFound();
        }

        if (meeting.CancelledAt is not null)
        {
            return Result.Ok();
        }

        meeting.CancelledAt = clock.GetUtcNow();
        meeting.Sequence++;
        if (meeting.GraphEventId is not null)
        {
            await graph.MarkAsync(meeting, ct);
            await graph.TryAsync(meeting, ct);
        }
        else if (meeting.GraphState == GraphSyncState.Pending)
        {
            // Never reached Outlook: nothing to cancel there.
            meeting.GraphState = GraphSyncState.Synced;
        }

        await mailer.QueueAsync(meeting, await db.MeetingInvitees.Where(i => i.MeetingId == meeting.Id).Select(i => i.MemberId).ToListAsync(ct), MeetingMail.Cancellation, ct);
        audit.Add("meeting.cancelled", $"meeting:{meeting.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An RSVP was saved between our read and this write; nothing of this change is stored.
            return Result.Conflict("The meeting changed meanwhile; please try again.");
        }

        return Result.Ok();
    }
}
