using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>Every tenant (municipality) with its number of estates and members: for the platform administrator only.</summary>
public sealed record GetTenants : IQuery<Result<IReadOnlyList<TenantSummary>>>;

public sealed record TenantSummary(Guid Id, string Name, string Slug, int Estates, int Members, DateTimeOffset CreatedAt);

internal sealed class GetTenantsHandler(PpsDb db, ICurrentMember me, ITenantContext tenant)
    : IQueryHandler<GetTenants, Result<IReadOnlyList<TenantSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<TenantSummary>>> Handle(GetTenants query, CancellationToken ct)
    {
        if (!me.IsPlatformAdmin())
        {
            return Result<IReadOnlyList<TenantSummary>>.Forbidden();
        }

        // The platform administrator has no tenant: counting across tenants is the point of this page.
        tenant.UseCrossTenant();
        var tenants = await db.Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TenantSummary(
                t.Id, t.Name, t.Slug,
                db.Estates.Count(e => e.TenantId == t.Id),
                db.Members.Count(m => m.TenantId == t.Id),
                t.CreatedAt))
            .ToListAsync(ct);
        return Result<IReadOnlyList<TenantSummary>>.Ok(tenants);
    }
}
