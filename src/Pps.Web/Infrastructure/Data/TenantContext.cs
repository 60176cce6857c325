using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Infrastructure.Data;

/// <summary>Which tenant the current unit of work belongs to.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    bool IsCrossTenant { get; }

    /// <summary>For background jobs and seeding: act inside one tenant.</summary>
    void Use(Guid tenantId);

    /// <summary>For platform administration and platform jobs only: see every tenant.</summary>
    void UseCrossTenant();
}

internal sealed class TenantContext(ICurrentMember me) : ITenantContext
{
    private Guid? _tenantId;
    private bool _explicit;
    private bool _crossTenant;

    public Guid? TenantId => _explicit ? _tenantId : me.TenantId;

    public bool IsCrossTenant => _crossTenant;

    public void Use(Guid tenantId)
    {
        _explicit = true;
        _crossTenant = false;
        _tenantId = tenantId;
    }

    public void UseCrossTenant()
    {
        _explicit = true;
        _crossTenant = true;
        _tenantId = null;
    }
}
