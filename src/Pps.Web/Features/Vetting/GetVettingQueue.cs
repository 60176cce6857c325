using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// Members who still need a vetting step. EZ sees every estate of the tenant; a vetted member sees the verified
/// members of their own estates (whom they may vouch for).
/// </summary>
public sealed record GetVettingQueue : IQuery<Result<IReadOnlyList<VettingCandidate>>>;

public sealed record VettingCandidate(Guid MemberId, string Name, string? Business, string? KvkNumber, string? BranchNumber, string? Unit, string Estate, VettingLevel Level, bool Suspended, bool VouchedByMe);

internal sealed class GetVettingQueueHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetVettingQueue, Result<IReadOnlyList<VettingCandidate>>>
{
    public async ValueTask<Result<IReadOnlyList<VettingCandidate>>> Handle(GetVettingQueue query, CancellationToken ct)
    {
        var isEz = me.IsInRole(Roles.Ez);
        var myEstates = me.Estates.ToList();
        var caller = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == me.Id, ct);
        if (!isEz && caller?.VettingLevel != VettingLevel.Vetted)
        {
            return Result<IReadOnlyList<VettingCandidate>>.Forbidden("Only EZ and vetted members see members awaiting vetting.");
        }

        var rows = await (from r in db.RoleAssignments.AsNoTracking()
                          join m in db.Members.AsNoTracking() on r.MemberId equals m.Id
                          join e in db.Estates.AsNoTracking() on r.EstateId equals e.Id
                          where r.Role == Roles.Entrepreneur && m.VettingLevel != VettingLevel.Vetted && m.ErasedAt == null
                                && (isEz || (myEstates.Contains(e.Id) && m.VettingLevel == VettingLevel.Verified))
                                && m.Id != me.Id
                          join o in db.Organisations.AsNoTracking() on m.OrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          select new { m.Id, m.DisplayName, m.VettingLevel, Estate = e.Name, OrgId = (Guid?)o.Id, OrgName = (string?)o.Name, o.KvkNumber, o.BranchNumber })
            .ToListAsync(ct);
        var orgIds = rows.Where(r => r.OrgId != null).Select(r => r.OrgId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => u.OccupantOrganisationId != null && orgIds.Contains(u.OccupantOrganisationId.Value)).ToListAsync(ct);
        var memberIds = rows.Select(r => r.Id).ToList();
        var suspended = await db.VettingRecords.AsNoTracking().Where(r => memberIds.Contains(r.MemberId) && r.SuspendedAt != null).Select(r => r.MemberId).ToListAsync(ct);
        var mine = await db.Vouches.AsNoTracking().Where(v => v.VoucherId == me.Id && v.InvalidatedAt == null).Select(v => v.MemberId).ToListAsync(ct);
        IReadOnlyList<VettingCandidate> list = rows
            .GroupBy(r => r.Id).Select(g => g.First())
            .OrderBy(r => r.VettingLevel).ThenBy(r => r.DisplayName)
            .Select(r => new VettingCandidate(
                r.Id, r.DisplayName, r.OrgName, r.KvkNumber, r.BranchNumber,
                units.FirstOrDefault(u => u.OccupantOrganisationId == r.OrgId)?.Address,
                r.Estate, r.VettingLevel, suspended.Contains(r.Id), mine.Contains(r.Id)))
            .ToList();
        // Names, businesses and KvK numbers of members under vetting: the read is audited.
        await audit.WriteAsync("vetting.queue-viewed", null, detail: $"rows={list.Count}", ct: ct);
        return Result<IReadOnlyList<VettingCandidate>>.Ok(list);
    }
}
