using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>Changes a meeting; invitees get an iCalendar update with the same UID and a higher SEQUENCE.</summary>
public sealed record UpdateMeeting(
    Guid MeetingId,
    string Title,
    DateTime Start,
    DateTime End,
    string? Agenda = null,
    string? Address = null,
    string? OnlineUrl = null,
    int? Capacity = null,
    string? TimeZone = null) : ICommand<Result>;

internal sealed class UpdateMeetingValidator : AbstractValidator<UpdateMeeting>
{
    public UpdateMeetingValidator()
        => MeetingRules.Fields(this, c => c.Title, c => c.Start, c => c.End, c => c.Agenda, c => c.Address, c => c.OnlineUrl, c => c.Capacity, c => c.TimeZone);
}

internal sealed class UpdateMeetingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit, MeetingMailer mailer, MeetingGraphSync graph)
    : ICommandHandler<UpdateMeeting, Result>
{
    public async ValueTask<Result> Handle(UpdateMeeting cmd, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, cmd.MeetingId, ct);
        if (meeting is null)
        {
            return Result.NotFound();
        }

        if (meeting.CancelledAt is not null)
        {
            return Result.Conflict("The meeting is cancelled.");
        }

        var zoneId = cmd.TimeZone ?? meeting.TimeZone;
        var zone = MeetingTimes.Find(zoneId)!;
        var start = MeetingTimes.ToUtc(cmd.Start, zone);
        if (start is null)
        {
            return Result.Invalid("start", "This time does not exist in this time zone (the clocks skip it when summer time starts).");
        }

        var end = MeetingTimes.ToUtc(cmd.End, zone);
        if (end is null)
        {
            return Result.Invalid("end", "This time does not exist in this time zone (the clocks skip it when summer time starts).");
        }

        if (start <= clock.GetUtcNow())
        {
            return Result.Invalid("start", "The meeting cannot start in the past.");
        }

        if (cmd.Capacity is { } capacity && capacity < await db.MeetingInvitees.CountAsync(i => i.MeetingId == meeting.Id && i.Response == RsvpResponse.Yes && !i.Waitlisted, ct))
        {
            return Result.Invalid("capacity", "More people have a place already; the capacity cannot be lower than that.");
        }

        meeting.Title = cmd.Title.Trim();
        meeting.Agenda = cmd.Agenda?.Trim() ?? "";
        meeting.Address = string.IsNullOrWhiteSpace(cmd.Address) ? null : cmd.Address.Trim();
        if (meeting.GraphEventId is null || !string.IsNullOrWhiteSpace(cmd.OnlineUrl))
        {
            meeting.OnlineUrl = string.IsNullOrWhiteSpace(cmd.OnlineUrl) ? null : cmd.OnlineUrl.Trim();
        }

        meeting.StartUtc = start.Value;
        meeting.EndUtc = end.Value;
        meeting.TimeZone = zoneId;
        var promoted = new List<Guid>();
        if (cmd.Capacity != meeting.Capacity)
        {
            meeting.Capacity = cmd.Capacity;
            promoted.AddRange(await Waitlist.FillFreePlacesAsync(db, meeting, ct));
        }

        meeting.Sequence++;
        await graph.MarkAsync(meeting, ct);
        await graph.TryAsync(meeting, ct);
        await mailer.QueueAsync(meeting, await MeetingMailer.Interested(db, meeting.Id).ToListAsync(ct), MeetingMail.Update, ct);
        await mailer.QueueAsync(meeting, promoted, MeetingMail.PlaceAvailable, ct);
        audit.Add("meeting.updated", $"meeting:{meeting.Id}");
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
