using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Vetting;

/// <summary>A member as vetting sees them: their estates (from estate roles) and the unit their business occupies.</summary>
internal sealed record VettingSubject(Member Member, IReadOnlyList<Guid> Estates, Organisation? Business, EstateUnit? Unit)
{
    public static async Task<VettingSubject?> LoadAsync(PpsDb db, Guid memberId, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.TenantId != null && m.ErasedAt == null, ct);
        if (member is null)
        {
            return null;
        }

        var estates = await db.RoleAssignments
            .Where(r => r.MemberId == memberId && r.EstateId != null && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board))
            .Select(r => r.EstateId!.Value).Distinct().ToListAsync(ct);
        var business = member.OrganisationId is { } oid
            ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == oid && o.Kind == OrganisationKind.Business, ct)
            : null;
        var unit = business is null
            ? null
            : await db.Units.Where(u => u.OccupantOrganisationId == business.Id).OrderBy(u => u.BagId).FirstOrDefaultAsync(ct);
        return new VettingSubject(member, estates, business, unit);
    }

    public static async Task<bool> IsBoardOfAsync(PpsDb db, Guid memberId, IEnumerable<Guid> estates, CancellationToken ct)
    {
        var ids = estates.ToList();
        return await db.RoleAssignments.AnyAsync(r => r.MemberId == memberId && r.Role == Roles.Board && r.EstateId != null && ids.Contains(r.EstateId.Value), ct);
    }
}
