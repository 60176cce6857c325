using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>An invitee answers yes, no or maybe. A yes beyond the capacity waits; a place that frees up goes to the first waiting.</summary>
public sealed record RespondToMeeting(Guid MeetingId, RsvpResponse Response, string? Comment = null) : ICommand<Result<RsvpResult>>;

public sealed record RsvpResult(RsvpResponse Response, bool Waitlisted);

internal sealed class RespondToMeetingValidator : AbstractValidator<RespondToMeeting>
{
    public RespondToMeetingValidator()
    {
        RuleFor(c => c.Response).IsInEnum().NotEqual(RsvpResponse.None);
        RuleFor(c => c.Comment).MaximumLength(500);
    }
}

internal static class Waitlist
{
    /// <summary>Gives free places to the longest-waiting; returns who moved up.</summary>
    public static async Task<List<Guid>> FillFreePlacesAsync(PpsDb db, Meeting meeting, CancellationToken ct)
    {
        // Filtered again in memory: tracked invitees carry this request's unsaved answers.
        var invitees = (await db.MeetingInvitees.Where(i => i.MeetingId == meeting.Id && i.Response == RsvpResponse.Yes).ToListAsync(ct))
            .Where(i => i.Response == RsvpResponse.Yes)
            .ToList();
        var taken = invitees.Count(i => !i.Waitlisted);
        var promoted = new List<Guid>();
        foreach (var waiting in invitees.Where(i => i.Waitlisted).OrderBy(i => i.WaitlistedAt).ThenBy(i => i.Id))
        {
            if (meeting.Capacity is { } cap && taken >= cap)
            {
                break;
            }

            waiting.Waitlisted = false;
            waiting.WaitlistedAt = null;
            taken++;
            promoted.Add(waiting.MemberId);
        }

        return promoted;
    }
}

internal sealed class RespondToMeetingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, MeetingMailer mailer)
    : ICommandHandler<RespondToMeeting, Result<RsvpResult>>
{
    public async ValueTask<Result<RsvpResult>> Handle(RespondToMeeting cmd, CancellationToken ct)
    {
        // Two answers racing for the last place: the meeting's RSVP version is a concurrency token, so one of
        // them saves and the other tries again on fresh data.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryAsync(cmd, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Result<RsvpResult>> TryAsync(RespondToMeeting cmd, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == cmd.MeetingId, ct);
        var invitee = meeting is null ? null : await db.MeetingInvitees.SingleOrDefaultAsync(i => i.MeetingId == meeting.Id && i.MemberId == me.Id, ct);
        if (meeting is null || invitee is null)
        {
            return Result<RsvpResult>.NotFound();
        }

        if (meeting.CancelledAt is not null)
        {
            return Result<RsvpResult>.Conflict("The meeting is cancelled.");
        }

        var now = clock.GetUtcNow();
        if (meeting.EndUtc <= now)
        {
            return Result<RsvpResult>.Conflict("The meeting is over.");
        }

        var hadPlace = invitee.Response == RsvpResponse.Yes && !invitee.Waitlisted;
        invitee.Response = cmd.Response;
        invitee.Comment = string.IsNullOrWhiteSpace(cmd.Comment) ? null : cmd.Comment.Trim();
        invitee.RespondedAt = now;
        var promoted = new List<Guid>();
        if (cmd.Response == RsvpResponse.Yes)
        {
            if (!hadPlace && !invitee.Waitlisted)
            {
                var taken = await db.MeetingInvitees.CountAsync(i => i.MeetingId == meeting.Id && i.Response == RsvpResponse.Yes && !i.Waitlisted && i.Id != invitee.Id, ct);
                if (meeting.Capacity is { } cap && taken >= cap)
                {
                    // Waitlist order is first come, first served; two answers in the same instant still get distinct
                    // places (1 ms apart, which both databases keep), so promotion never depends on id order.
                    var latest = await db.MeetingInvitees
                        .Where(i => i.MeetingId == meeting.Id && i.Waitlisted && i.Id != invitee.Id)
                        .MaxAsync(i => i.WaitlistedAt, ct);
                    invitee.Waitlisted = true;
                    // PostgreSQL keeps microseconds, so a value read back can sit just below "now": compare with a margin.
                    invitee.WaitlistedAt = latest is { } last && last.AddMilliseconds(1) > now ? last.AddMilliseconds(1) : now;
                }
            }
        }
        else
        {
            invitee.Waitlisted = false;
            invitee.WaitlistedAt = null;
            if (hadPlace)
            {
                promoted = await Waitlist.FillFreePlacesAsync(db, meeting, ct);
            }
        }

        meeting.RsvpVersion++;
        await mailer.QueueAsync(meeting, promoted, MeetingMail.PlaceAvailable, ct);
        db.Raise(new RsvpChanged(meeting.TenantId, meeting.Id, meeting.OrganiserId, meeting.RsvpVersion));
        await db.SaveChangesAsync(ct);
        return Result<RsvpResult>.Ok(new RsvpResult(invitee.Response, invitee.Waitlisted));
    }
}
