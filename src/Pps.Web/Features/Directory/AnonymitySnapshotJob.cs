using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>Stores (or refreshes) this month's anonymity figures per estate; past months stay as they were last seen.</summary>
internal sealed class AnonymitySnapshotJob(PpsDb db, ITenantContext tenant, TimeProvider clock) : IJob
{
    public static string Name => "anonymity-snapshot";

    public static TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var month = AnonymityFigures.MonthOf(now);
        var estates = await db.Estates.AsNoTracking().Select(e => new { e.Id, e.TenantId }).ToListAsync(ct);
        var figures = await AnonymityFigures.ComputeAsync(db, estates.Select(e => e.Id).ToList(), ct);
        var existing = await db.AnonymitySnapshots.Where(s => s.Month == month).ToDictionaryAsync(s => s.EstateId, ct);
        foreach (var e in estates)
        {
            var units = figures.TryGetValue(e.Id, out var f) ? f.Units : [];
            if (!existing.TryGetValue(e.Id, out var snapshot))
            {
                snapshot = new AnonymitySnapshot { TenantId = e.TenantId, EstateId = e.Id, Month = month };
                db.AnonymitySnapshots.Add(snapshot);
            }

            snapshot.Units = units.Count;
            snapshot.Known = units.Count(u => u != UnitStatus.Vacant);
            snapshot.Vetted = units.Count(u => u == UnitStatus.Vetted);
            snapshot.Vacant = snapshot.Units - snapshot.Known;
            snapshot.TakenAt = now;
        }

        await db.SaveChangesAsync(ct);
    }
}
