using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.TwoFactorPolicy;

/// <summary>A tenant's two-factor requirement, for its administrators (the tenant's OOV) and the platform administrator.</summary>
public sealed record GetTwoFactorPolicy(Guid TenantId) : IQuery<Result<TwoFactorPolicyView>>;

public sealed record TwoFactorPolicyView(Guid TenantId, string TenantName, TwoFactorRequirement Requirement, DateTimeOffset? EnrolBy, DateTimeOffset? ChangedAt);

internal static class TwoFactorPolicyAccess
{
    /// <summary>The platform administrator administers every tenant, a tenant administrator only their own; others see nothing (404).</summary>
    public static bool MayAdminister(this ICurrentMember me, Guid tenantId)
        => me.IsPlatformAdmin() || (me.IsInRole(Roles.Oov) && me.TenantId == tenantId);

    public static async Task<TwoFactorPolicyView?> ViewAsync(PpsDb db, Guid tenantId, CancellationToken ct)
    {
        var tenant = await db.Tenants.Where(t => t.Id == tenantId).Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(ct);
        if (tenant is null)
        {
            return null;
        }

        var policy = await db.TwoFactorPolicies.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == tenantId, ct);
        return new TwoFactorPolicyView(tenant.Id, tenant.Name, policy?.Requirement ?? TwoFactorRequirement.NotRequired, policy?.EnrolBy, policy?.ChangedAt);
    }
}

internal sealed class GetTwoFactorPolicyHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetTwoFactorPolicy, Result<TwoFactorPolicyView>>
{
    public async ValueTask<Result<TwoFactorPolicyView>> Handle(GetTwoFactorPolicy query, CancellationToken ct)
        => me.MayAdminister(query.TenantId) && await TwoFactorPolicyAccess.ViewAsync(db, query.TenantId, ct) is { } view
            ? Result<TwoFactorPolicyView>.Ok(view)
            : Result<TwoFactorPolicyView>.NotFound();
}
