using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Who administers what: the platform administrator works on any tenant (and has none of their own); a tenant's
/// OOV only on their own. Handlers ask here instead of repeating the rule.
/// </summary>
internal static partial class AdminScope
{
    public const int MaxSearch = 200;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    public static partial Regex Slug();

    public static bool IsPlatformAdmin(this ICurrentMember me) => me.IsInRole(Roles.PlatformAdmin);

    /// <summary>
    /// Adds an audit entry that belongs to <paramref name="tenantId"/> even when the actor (the platform
    /// administrator) has no tenant, so the tenant's own audit readers see what was done to their tenant.
    /// </summary>
    public static void AddInTenant(this IAuditLog audit, PpsDb db, Guid? tenantId, string action, string obj, string? detail = null)
    {
        audit.Add(action, obj, detail: detail);
        if (tenantId is { } t)
        {
            var entry = db.ChangeTracker.Entries<AuditEntry>().Last(e => e.State == EntityState.Added).Entity;
            entry.TenantId ??= t;
        }
    }
}
