using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

/// <summary>Who may see and run a meeting. Existence is sensitive: whoever may not see a meeting gets 404.</summary>
internal static class MeetingAccess
{
    /// <summary>Staff organise for any estate; a board member only for estates they sit on the board of.</summary>
    public static bool MayOrganise(ICurrentMember me, IEnumerable<Guid> estateIds)
        => me.IsStaff || estateIds.All(e => me.HasEstateRole(Roles.Board, e));

    /// <summary>The meeting if the caller organises it, is invited, or is staff of its tenant; else null.</summary>
    public static async Task<Meeting?> VisibleAsync(PpsDb db, ICurrentMember me, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Estates).SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return null;
        }

        if (meeting.OrganiserId == me.Id || me.IsStaff)
        {
            return meeting;
        }

        return await db.MeetingInvitees.AnyAsync(i => i.MeetingId == meetingId && i.MemberId == me.Id, ct) ? meeting : null;
    }

    /// <summary>Only the organiser changes a meeting, its minutes and actions.</summary>
    public static async Task<Meeting?> OrganisedAsync(PpsDb db, ICurrentMember me, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Estates).SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        return meeting is not null && meeting.OrganiserId == me.Id ? meeting : null;
    }

    /// <summary>The action plan of an estate: staff of the tenant and the estate's board.</summary>
    public static bool MaySeeActionPlan(ICurrentMember me, Guid estateId) => me.IsStaff || me.HasEstateRole(Roles.Board, estateId);
}
