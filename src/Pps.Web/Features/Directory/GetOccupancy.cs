using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// The units whose occupant the caller may register: EZ every estate of the tenant, a board member the estates they
/// are on the board of. Members who govern nothing are refused; an estate or unit outside the caller's reach is 404.
/// </summary>
public sealed record GetOccupancy(Guid? EstateId, Guid? UnitId = null) : IQuery<Result<OccupancyList>>;

public sealed record OccupancyList(IReadOnlyList<DirectoryEstate> Estates, Guid? EstateId, IReadOnlyList<OccupancyUnit> Units);

public sealed record OccupancyUnit(Guid UnitId, Guid EstateId, string Estate, string BagId, string Address, string? OwnerName, string? Occupant, string? KvkNumber, string? BranchNumber, string? SbiCode, string? Activity);

internal sealed class GetOccupancyHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetOccupancy, Result<OccupancyList>>
{
    /// <summary>An estate has at most a few hundred units; the list is capped so a mistaken import cannot make the page unbounded.</summary>
    public const int MaxUnits = 2000;

    public async ValueTask<Result<OccupancyList>> Handle(GetOccupancy query, CancellationToken ct)
    {
        var isEz = me.IsInRole(Roles.Ez);
        var governed = isEz
            ? await db.Estates.AsNoTracking().Select(e => e.Id).ToListAsync(ct)
            : me.Estates.Where(e => me.HasEstateRole(Roles.Board, e)).ToList();
        if (!DirectoryManagementAccess.Governs(me) || governed.Count == 0)
        {
            return Result<OccupancyList>.Forbidden("Only EZ and board members register occupants.");
        }

        var estates = await db.Estates.AsNoTracking().Where(e => governed.Contains(e.Id)).OrderBy(e => e.Name)
            .Select(e => new DirectoryEstate(e.Id, e.Name)).ToListAsync(ct);
        var shown = estates.Select(e => e.Id).ToList();
        if (query.EstateId is { } only)
        {
            if (!shown.Contains(only))
            {
                return Result<OccupancyList>.NotFound();
            }

            shown = [only];
        }

        var units = db.Units.AsNoTracking().Where(u => shown.Contains(u.EstateId));
        if (query.UnitId is { } unitId)
        {
            units = units.Where(u => u.Id == unitId);
        }

        var rows = await (from u in units
                          join o in db.Organisations.AsNoTracking() on u.OccupantOrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          orderby u.Street, u.HouseNumber, u.BagId
                          select new { Unit = u, Name = (string?)o.Name, o.KvkNumber, o.BranchNumber, o.SbiCode, o.Activity })
            .Take(MaxUnits).ToListAsync(ct);
        if (query.UnitId is not null && rows.Count == 0)
        {
            return Result<OccupancyList>.NotFound();
        }

        var names = estates.ToDictionary(e => e.Id, e => e.Name);
        return Result<OccupancyList>.Ok(new OccupancyList(estates, query.EstateId, rows.Select(r => new OccupancyUnit(
            r.Unit.Id, r.Unit.EstateId, names[r.Unit.EstateId], r.Unit.BagId, r.Unit.Address, r.Unit.OwnerName, r.Name, r.KvkNumber, r.BranchNumber, r.SbiCode, r.Activity)).ToList()));
    }
}
