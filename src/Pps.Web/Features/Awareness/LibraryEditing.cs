using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

internal static class LibraryEditing
{
    public static string Join(IEnumerable<string>? values)
        => string.Join(' ', (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

    public static string JoinTags(IEnumerable<string>? tags)
        => string.Join(' ', (tags ?? [])
            .SelectMany(t => t.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(20));

    public static async Task<bool> TenantExistsAsync(PpsDb db, ITenantContext tenant, Guid tenantId, CancellationToken ct)
        => await db.Tenants.AnyAsync(t => t.Id == tenantId, ct);

    public static async Task<int> CountEstatesAsync(PpsDb db, Guid[] estates, CancellationToken ct)
        => await db.Estates.CountAsync(e => estates.Contains(e.Id), ct);

    /// <summary>
    /// Finds a document an editor may change: their own tenant's, or for the platform administrator any tenant's
    /// (the tenant context then switches to the document's tenant for the rest of the unit of work).
    /// </summary>
    public static async Task<LibraryDocument?> FindForEditorAsync(PpsDb db, ITenantContext tenant, ICurrentMember me, Guid id, CancellationToken ct)
    {
        if (!LibraryAccess.IsEditor(me))
        {
            return null;
        }

        if (me.TenantId is null && me.IsInRole(Roles.PlatformAdmin))
        {
            tenant.UseCrossTenant();
            var document = await db.LibraryDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
            if (document is not null)
            {
                tenant.Use(document.TenantId);
            }

            return document;
        }

        return await db.LibraryDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
    }
}
