using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Daily retention for closed signals and integrity reports of every tenant: after <c>Signals:AnonymiseAfterDays</c>
/// the reporter's identity (member id, follow-up code) is removed; after <c>Signals:DeleteAfterDays</c> the case is
/// deleted with its history, links, reveal requests and photos (blobs first). Each run is audited as <c>retention.run</c>.
/// </summary>
internal sealed class SignalRetentionJob(PpsDb db, ITenantContext tenants, IBlobStore blobs, IAuditLog audit, IOptions<SignalsOptions> options, TimeProvider clock, ILogger<SignalRetentionJob> log) : IJob
{
    public static string Name => "signal-retention";

    public static TimeSpan Interval => TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        tenants.UseCrossTenant();
        var now = clock.GetUtcNow();
        var anonymiseBefore = now.AddDays(-options.Value.AnonymiseAfterDays);
        var deleteBefore = now.AddDays(-options.Value.DeleteAfterDays);

        var toAnonymise = await db.Signals
            .Where(s => s.Status == SignalStatus.Closed && s.ClosedAt <= anonymiseBefore && s.ReporterAnonymisedAt == null)
            .ToListAsync(ct);
        foreach (var s in toAnonymise)
        {
            s.ReporterId = null;
            s.FollowUpHash = null;
            s.FollowUpLookup = null;
            s.ReporterAnonymisedAt = now;
        }

        await db.SaveChangesAsync(ct);

        var toDelete = await db.Signals.Where(s => s.Status == SignalStatus.Closed && s.ClosedAt <= deleteBefore).Select(s => s.Id).ToListAsync(ct);
        var photos = 0;
        foreach (var batch in toDelete.Chunk(100))
        {
            var keys = await db.SignalPhotos.Where(p => batch.Contains(p.SignalId)).Select(p => p.BlobKey).ToListAsync(ct);
            foreach (var key in keys)
            {
                await blobs.DeleteAsync(key, ct);
            }

            photos += keys.Count;
            await using var tx = await db.BeginTransactionAsync(ct);
            await db.SignalPhotos.Where(p => batch.Contains(p.SignalId)).ExecuteDeleteAsync(ct);
            // History is append-only for the app; retention is the one sanctioned way it goes, whole signals at a time.
            await db.SignalHistory.Where(h => batch.Contains(h.SignalId)).ExecuteDeleteAsync(ct);
            await db.SignalLinks.Where(l => batch.Contains(l.SignalId) || batch.Contains(l.LinkedSignalId)).ExecuteDeleteAsync(ct);
            await db.RevealRequests.Where(r => batch.Contains(r.SignalId)).ExecuteDeleteAsync(ct);
            await db.Signals.Where(s => batch.Contains(s.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }

        var detail = $"signals: anonymised={toAnonymise.Count} deleted={toDelete.Count} photos={photos}";
        await audit.WriteForAsync(null, "system", null, "retention.run", "signals", AuditResult.Success, detail, ct);
        log.LogInformation("Signal retention: {Anonymised} anonymised, {Deleted} deleted, {Photos} photos removed", toAnonymise.Count, toDelete.Count, photos);
    }
}
