using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// The suspended members the caller governs: EZ every estate of the tenant, a board member the estates they are on
/// the board of. Suspended members are listed nowhere else (they leave the directory), so this is where a
/// suspension is lifted. Members who govern nothing are refused.
/// </summary>
public sealed record GetSuspensions : IQuery<Result<IReadOnlyList<SuspendedMember>>>;

public sealed record SuspendedMember(Guid MemberId, string Name, string? Business, string Estate, DateTimeOffset SuspendedAt, string? Reason, bool CanLift);

internal sealed class GetSuspensionsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetSuspensions, Result<IReadOnlyList<SuspendedMember>>>
{
    public async ValueTask<Result<IReadOnlyList<SuspendedMember>>> Handle(GetSuspensions query, CancellationToken ct)
    {
        var isEz = me.IsInRole(Roles.Ez);
        var boardOf = me.Estates.Where(e => me.HasEstateRole(Roles.Board, e)).ToList();
        if (!isEz && boardOf.Count == 0)
        {
            return Result<IReadOnlyList<SuspendedMember>>.Forbidden("Only EZ and board members handle suspensions.");
        }

        var rows = await (from v in db.VettingRecords.AsNoTracking()
                          join m in db.Members.AsNoTracking() on v.MemberId equals m.Id
                          join r in db.RoleAssignments.AsNoTracking() on m.Id equals r.MemberId
                          join e in db.Estates.AsNoTracking() on r.EstateId equals e.Id
                          where v.SuspendedAt != null && m.ErasedAt == null && (r.Role == Roles.Entrepreneur || r.Role == Roles.Board)
                                && (isEz || boardOf.Contains(e.Id))
                          join o in db.Organisations.AsNoTracking() on m.OrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          select new { m.Id, m.DisplayName, Business = (string?)o.Name, Estate = e.Name, SuspendedAt = v.SuspendedAt!.Value, v.SuspendedReason, v.SuspendedBy })
            .ToListAsync(ct);
        var suspenders = rows.Where(r => r.SuspendedBy != null).Select(r => r.SuspendedBy!.Value).Distinct().ToList();
        var ezSuspenders = await db.RoleAssignments.AsNoTracking().Where(r => suspenders.Contains(r.MemberId) && r.Role == Roles.Ez).Select(r => r.MemberId).ToListAsync(ct);
        IReadOnlyList<SuspendedMember> list = rows
            .GroupBy(r => r.Id).Select(g => g.OrderBy(r => r.Estate).First())
            .OrderByDescending(r => r.SuspendedAt).ThenBy(r => r.DisplayName)
            .Select(r => new SuspendedMember(r.Id, r.DisplayName, r.Business, r.Estate, r.SuspendedAt, r.SuspendedReason,
                r.Id != me.Id && (isEz || r.SuspendedBy is not { } by || !ezSuspenders.Contains(by))))
            .ToList();
        return Result<IReadOnlyList<SuspendedMember>>.Ok(list);
    }
}
