using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Who may do what in the watch. The estate's vetted members run the rounds and read the incident log; staff and
/// police read it for every estate of their tenant. Anything a caller may not see is "not found", never "forbidden",
/// so ids of other estates reveal nothing.
/// </summary>
internal sealed class WatchAccess(PpsDb db, ICurrentMember me)
{
    public Guid MemberId => me.Id;

    /// <summary>A vetted member holding an estate role on the estate.</summary>
    public bool IsEstateMember(Guid estateId)
        => me.Vetting == VettingLevel.Vetted && Roles.EstateRoles.Any(r => me.HasEstateRole(r, estateId));

    public bool IsBoard(Guid estateId) => me.Vetting == VettingLevel.Vetted && me.HasEstateRole(Roles.Board, estateId);

    public bool IsStaffOrPolice => me.IsStaff || me.IsInRole(Roles.Police);

    public bool IsStaff => me.IsStaff;

    /// <summary>Adding photos and promoting an incident: its reporter, the estate's board, or staff (not every reader).</summary>
    public bool MayCurate(Incident incident)
        => (incident.ReporterId == me.Id && CanSeeIncidents(incident.EstateId)) || IsBoard(incident.EstateId) || me.IsStaff;

    public bool CanSeeRounds(Guid estateId) => IsEstateMember(estateId) || me.IsStaff;

    public bool CanSeeIncidents(Guid estateId) => IsEstateMember(estateId) || IsStaffOrPolice;

    /// <summary>The estate, when it is in the caller's tenant (the tenant filter does the rest).</summary>
    public Task<Estate?> EstateAsync(Guid estateId, CancellationToken ct)
        => db.Estates.SingleOrDefaultAsync(e => e.Id == estateId, ct);

    /// <summary>The round, when the caller may see its estate's rounds.</summary>
    public async Task<PatrolRound?> VisibleRoundAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.PatrolRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is not null && CanSeeRounds(round.EstateId) ? round : null;
    }

    /// <summary>Whether another member is a vetted member of the estate (for assignments and swaps).</summary>
    public Task<bool> IsVettedEstateMemberAsync(Guid memberId, Guid estateId, CancellationToken ct)
        => db.RoleAssignments.AnyAsync(
            r => r.MemberId == memberId && r.EstateId == estateId && Roles.EstateRoles.Contains(r.Role)
                 && db.Members.Any(m => m.Id == memberId && m.VettingLevel == VettingLevel.Vetted && m.ErasedAt == null),
            ct);
}
