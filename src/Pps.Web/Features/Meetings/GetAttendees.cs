using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>The attendee list with answers and comments: for the organiser only (personal data).</summary>
public sealed record GetAttendees(Guid MeetingId) : IQuery<Result<IReadOnlyList<AttendeeDto>>>;

public sealed record AttendeeDto(Guid MemberId, string Name, string? Organisation, RsvpResponse Response, string? Comment, bool Waitlisted, int? WaitlistPosition);

internal sealed class GetAttendeesHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetAttendees, Result<IReadOnlyList<AttendeeDto>>>
{
    public async ValueTask<Result<IReadOnlyList<AttendeeDto>>> Handle(GetAttendees query, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, query.MeetingId, ct);
        if (meeting is null)
        {
            return Result<IReadOnlyList<AttendeeDto>>.NotFound();
        }

        var attendees = await ListAsync(db, meeting.Id, ct);
        await audit.WriteAsync("meeting.attendees-viewed", $"meeting:{meeting.Id}", detail: $"rows={attendees.Count}", ct: ct);
        return Result<IReadOnlyList<AttendeeDto>>.Ok(attendees);
    }

    internal static async Task<IReadOnlyList<AttendeeDto>> ListAsync(PpsDb db, Guid meetingId, CancellationToken ct)
    {
        var rows = await db.MeetingInvitees.Where(i => i.MeetingId == meetingId)
            .Join(db.Members, i => i.MemberId, m => m.Id, (i, m) => new { i, m.DisplayName, m.OrganisationId, m.ErasedAt })
            .ToListAsync(ct);
        var organisationIds = rows.Where(r => r.OrganisationId != null).Select(r => r.OrganisationId!.Value).Distinct().ToArray();
        var organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var waiting = rows.Where(r => r.i.Waitlisted).OrderBy(r => r.i.WaitlistedAt).ThenBy(r => r.i.Id).Select(r => r.i.Id).ToList();
        return rows
            .OrderBy(r => r.i.Response switch { RsvpResponse.Yes => r.i.Waitlisted ? 1 : 0, RsvpResponse.Maybe => 2, RsvpResponse.None => 3, _ => 4 })
            .ThenBy(r => r.i.WaitlistedAt)
            .ThenBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .Select(r => new AttendeeDto(
                r.i.MemberId,
                r.ErasedAt is null ? r.DisplayName : Members.Member.FormerMemberName,
                r.OrganisationId is { } o && organisations.TryGetValue(o, out var name) ? name : null,
                r.i.Response,
                r.i.Comment,
                r.i.Waitlisted,
                r.i.Waitlisted ? waiting.IndexOf(r.i.Id) + 1 : null))
            .ToList();
    }
}
