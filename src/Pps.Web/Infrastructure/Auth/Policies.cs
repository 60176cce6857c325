using Microsoft.AspNetCore.Authorization;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>Named authorisation policies. Every endpoint and hub method names one of these (or a stricter check in its handler).</summary>
public static class Policies
{
    /// <summary>Any signed-in member of a tenant.</summary>
    public const string Member = "member";

    /// <summary>Municipal staff of the tenant (OOV, EZ, RO, VVH).</summary>
    public const string Staff = "staff";

    /// <summary>Manages a tenant: the platform administrator or the tenant's OOV.</summary>
    public const string TenantAdmin = "tenant-admin";

    public const string PlatformAdmin = "platform-admin";

    /// <summary>Reads the audit log: platform administrator and OOV.</summary>
    public const string AuditReader = "audit-reader";

    /// <summary>Reads confidential signals.</summary>
    public const string Signals = "signals";

    public const string IntegrityOfficer = "integrity-officer";

    /// <summary>Any signed-in account, with or without a tenant (profile, privacy).</summary>
    public const string SignedIn = "signed-in";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireClaim(PpsClaims.TenantId));
        o.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireClaim(PpsClaims.TenantId).RequireRole(Roles.Staff));
        o.AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().RequireRole(Roles.PlatformAdmin));
        o.AddPolicy(TenantAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.IsInRole(Roles.PlatformAdmin) || (c.User.IsInRole(Roles.Oov) && c.User.HasClaim(x => x.Type == PpsClaims.TenantId))));
        o.AddPolicy(AuditReader, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.IsInRole(Roles.PlatformAdmin) || (c.User.IsInRole(Roles.Oov) && c.User.HasClaim(x => x.Type == PpsClaims.TenantId))));
        o.AddPolicy(Signals, p => p.RequireAuthenticatedUser().RequireClaim(PpsClaims.TenantId).RequireRole(Roles.Signals));
        o.AddPolicy(IntegrityOfficer, p => p.RequireAuthenticatedUser().RequireClaim(PpsClaims.TenantId).RequireRole(Roles.IntegrityOfficer));
        o.FallbackPolicy = null;
    }
}
