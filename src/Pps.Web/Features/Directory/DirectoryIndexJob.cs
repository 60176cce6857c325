using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Brings the search entries in step with members, businesses and units (which other capabilities change), and
/// drops entries of members who left or were erased. Cheap: one pass compares text and writes only what changed.
/// </summary>
internal sealed class DirectoryIndexJob(PpsDb db, ITenantContext tenant) : IJob
{
    public static string Name => "directory-index";

    public static TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        if (db.Database.IsSqlite())
        {
            await DirectorySearch.EnsureSqliteFtsAsync(db, ct);
        }

        var members = await db.Members.AsNoTracking()
            .Where(m => m.TenantId != null && m.ErasedAt == null)
            .Select(m => new { m.Id, TenantId = m.TenantId!.Value, m.DisplayName, m.OrganisationId })
            .ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Business).ToDictionaryAsync(o => o.Id, ct);
        var units = (await db.Units.AsNoTracking().Where(u => u.OccupantOrganisationId != null).ToListAsync(ct))
            .GroupBy(u => u.OccupantOrganisationId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(u => u.BagId).First());
        var entries = await db.DirectorySearchEntries.ToDictionaryAsync(e => e.MemberId, ct);
        var keep = new HashSet<Guid>();
        foreach (var m in members)
        {
            var business = m.OrganisationId is { } oid && organisations.TryGetValue(oid, out var o) ? o : null;
            var unit = business is not null && units.TryGetValue(business.Id, out var u) ? u : null;
            var text = DirectorySearch.TextFor(m.DisplayName, business, unit);
            keep.Add(m.Id);
            if (entries.TryGetValue(m.Id, out var entry))
            {
                if (entry.Text != text)
                {
                    entry.Text = text;
                }
            }
            else
            {
                db.DirectorySearchEntries.Add(new DirectorySearchEntry { MemberId = m.Id, TenantId = m.TenantId, Text = text });
            }
        }

        db.DirectorySearchEntries.RemoveRange(entries.Values.Where(e => !keep.Contains(e.MemberId)));
        await db.SaveChangesAsync(ct);
    }
}
