using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Storage;

/// <summary>
/// Deletes blobs that no row refers to and that are older than <see cref="StorageOptions.OrphanGracePeriod"/>. An
/// upload writes its blobs before the row commits, and removes them when the row fails; when storage fails in the
/// middle (a post with several attachments), that clean-up can fail too and leave blobs behind. This sweep removes
/// them. Only the capabilities' own prefixes are swept, and every row that can hold a key is consulted across tenants.
/// </summary>
internal sealed class OrphanBlobSweepJob(PpsDb db, IBlobStore blobs, TimeProvider clock, IOptions<StorageOptions> options, ILogger<OrphanBlobSweepJob> log) : Jobs.IJob
{
    /// <summary>The prefixes the hub writes (<c>BlobKeys.New(prefix)</c>); a new capability with uploads adds its own here and in <see cref="ReferencedAsync"/>.</summary>
    public static readonly string[] Prefixes = ["noticeboards", "library", "signals", "watch", "meetings"];

    private const int Batch = 500;

    public static string Name => "blob-orphan-sweep";

    public static TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.OrphanGracePeriod;
        var deleted = 0;
        foreach (var prefix in Prefixes)
        {
            var batch = new List<string>(Batch);
            await foreach (var blob in blobs.ListAsync(prefix, ct))
            {
                if (blob.LastModified < before)
                {
                    batch.Add(blob.Key);
                }

                if (batch.Count == Batch)
                {
                    deleted += await DeleteUnreferencedAsync(batch, ct);
                    batch.Clear();
                }
            }

            deleted += await DeleteUnreferencedAsync(batch, ct);
        }

        if (deleted > 0)
        {
            log.LogInformation("Deleted {Count} blobs that no row refers to", deleted);
        }
    }

    private async Task<int> DeleteUnreferencedAsync(List<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        var referenced = await ReferencedAsync(keys, ct);
        var deleted = 0;
        foreach (var key in keys.Where(k => !referenced.Contains(k)))
        {
            await blobs.DeleteAsync(key, ct);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Every column that holds a blob key, across tenants (the job runs outside any tenant).</summary>
    private async Task<HashSet<string>> ReferencedAsync(List<string> keys, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        found.UnionWith(await db.PostAttachments.IgnoreQueryFilters().Where(a => keys.Contains(a.BlobKey)).Select(a => a.BlobKey).ToListAsync(ct));
        found.UnionWith(await db.LibraryDocumentVersions.IgnoreQueryFilters().Where(v => v.BlobKey != null && keys.Contains(v.BlobKey)).Select(v => v.BlobKey!).ToListAsync(ct));
        found.UnionWith(await db.SignalPhotos.IgnoreQueryFilters().Where(p => keys.Contains(p.BlobKey)).Select(p => p.BlobKey).ToListAsync(ct));
        found.UnionWith(await db.IncidentPhotos.IgnoreQueryFilters().Where(p => keys.Contains(p.BlobKey)).Select(p => p.BlobKey).ToListAsync(ct));
        found.UnionWith(await db.Findings.IgnoreQueryFilters().Where(f => f.PhotoKey != null && keys.Contains(f.PhotoKey)).Select(f => f.PhotoKey!).ToListAsync(ct));
        return found;
    }
}
