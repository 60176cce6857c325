using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Estates for the administration page: an OOV sees their own tenant's, the platform administrator every
/// tenant's (or one tenant's when <see cref="TenantId"/> is given).
/// </summary>
public sealed record GetAdminEstates(Guid? TenantId) : IQuery<Result<IReadOnlyList<AdminEstate>>>;

public sealed record AdminEstate(Guid Id, Guid TenantId, string TenantName, string Name, string Slug, int Units);

/// <summary>One estate with its stored outline, for the edit form.</summary>
public sealed record GetAdminEstate(Guid Id) : IQuery<Result<AdminEstateDetail>>;

public sealed record AdminEstateDetail(Guid Id, Guid TenantId, string Name, string Slug, string OutlineGeoJson);

internal sealed class GetAdminEstatesHandler(PpsDb db, ICurrentMember me)
    : IQueryHandler<GetAdminEstates, Result<IReadOnlyList<AdminEstate>>>
{
    public async ValueTask<Result<IReadOnlyList<AdminEstate>>> Handle(GetAdminEstates query, CancellationToken ct)
    {
        IQueryable<Estate> estates;
        if (me.IsPlatformAdmin())
        {
            estates = db.Estates.IgnoreQueryFilters();
            if (query.TenantId is { } chosen)
            {
                estates = estates.Where(e => e.TenantId == chosen);
            }
        }
        else if (me.TenantId is { } own)
        {
            estates = db.Estates.Where(e => e.TenantId == own);
        }
        else
        {
            return Result<IReadOnlyList<AdminEstate>>.Forbidden();
        }

        var list = await estates.AsNoTracking()
            .Join(db.Tenants, e => e.TenantId, t => t.Id, (e, t) => new { e, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.e.Name)
            .Select(x => new AdminEstate(x.e.Id, x.e.TenantId, x.t.Name, x.e.Name, x.e.Slug,
                db.Units.IgnoreQueryFilters().Count(u => u.EstateId == x.e.Id)))
            .ToListAsync(ct);
        return Result<IReadOnlyList<AdminEstate>>.Ok(list);
    }
}

internal sealed class GetAdminEstateHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetAdminEstate, Result<AdminEstateDetail>>
{
    public async ValueTask<Result<AdminEstateDetail>> Handle(GetAdminEstate query, CancellationToken ct)
    {
        var estates = me.IsPlatformAdmin() ? db.Estates.IgnoreQueryFilters() : db.Estates;
        var estate = await estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, ct);
        return estate is null
            ? Result<AdminEstateDetail>.NotFound()
            : Result<AdminEstateDetail>.Ok(new AdminEstateDetail(estate.Id, estate.TenantId, estate.Name, estate.Slug, estate.OutlineGeoJson));
    }
}
