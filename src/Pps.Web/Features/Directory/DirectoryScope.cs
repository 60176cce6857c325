using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// What the caller may see of the directory: municipal staff every estate of their tenant, a vetted member the estates
/// they belong to, an unvetted member only the associations' contacts of their estates. The vetting level is read
/// from the database, not from the token, so a revoked member loses access at once.
/// </summary>
internal sealed record DirectoryScope(IReadOnlyList<Guid> Estates, bool MembersVisible)
{
    public static async Task<DirectoryScope> ForAsync(PpsDb db, ICurrentMember me, CancellationToken ct)
    {
        if (me.IsStaff)
        {
            return new DirectoryScope(await db.Estates.Select(e => e.Id).ToListAsync(ct), true);
        }

        var level = await db.Members.Where(m => m.Id == me.Id).Select(m => (VettingLevel?)m.VettingLevel).SingleOrDefaultAsync(ct);
        var suspended = await db.VettingRecords.AnyAsync(r => r.MemberId == me.Id && r.SuspendedAt != null, ct);
        var estates = me.Estates.ToList();
        var existing = await db.Estates.Where(e => estates.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        return new DirectoryScope(existing, level == VettingLevel.Vetted && !suspended);
    }

    /// <summary>Members listed in the directory of <paramref name="estates"/>: vetted, not suspended, not erased, with a role on the estate.</summary>
    public static IQueryable<Member> Listed(PpsDb db, IReadOnlyList<Guid> estates)
        => db.Members.Where(m => m.VettingLevel == VettingLevel.Vetted && m.ErasedAt == null
            && !db.VettingRecords.Any(v => v.MemberId == m.Id && v.SuspendedAt != null)
            && db.RoleAssignments.Any(r => r.MemberId == m.Id && r.EstateId != null && estates.Contains(r.EstateId.Value)
                && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board)));

    /// <summary>For each member, the first of <paramref name="estates"/> they hold a role on (the estate their entry is shown under).</summary>
    public static async Task<Dictionary<Guid, Guid>> EstateOfAsync(PpsDb db, IReadOnlyList<Guid> memberIds, IReadOnlyList<Guid> estates, CancellationToken ct)
        => (await db.RoleAssignments.AsNoTracking()
                .Where(r => memberIds.Contains(r.MemberId) && r.EstateId != null && estates.Contains(r.EstateId.Value) && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board))
                .Select(r => new { r.MemberId, EstateId = r.EstateId!.Value }).ToListAsync(ct))
            .GroupBy(r => r.MemberId).ToDictionary(g => g.Key, g => g.Min(r => r.EstateId));
}
