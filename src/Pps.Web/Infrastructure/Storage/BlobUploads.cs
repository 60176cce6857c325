namespace Pps.Web.Infrastructure.Storage;

/// <summary>A file to store beside the rows that point at it.</summary>
public sealed record BlobUpload(byte[] Content, string ContentType);

public static class BlobUploads
{
    /// <summary>
    /// Puts <paramref name="files"/> into blob storage under new keys of <paramref name="prefix"/>, then runs
    /// <paramref name="save"/> with their keys (in the files' order) to store the rows that point at them. If a put or
    /// the save fails, the blobs already written are deleted again and the exception goes on, so nothing is half-stored
    /// (blobs first, then rows: a row never points at a missing blob; the orphan sweep catches a failed delete).
    /// </summary>
    public static async Task<T> PutThenSaveAsync<T>(
        this IBlobStore blobs, string prefix, IEnumerable<BlobUpload> files, Func<IReadOnlyList<string>, Task<T>> save, ILogger log, CancellationToken ct)
    {
        var written = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var key = BlobKeys.New(prefix);
                using var content = new MemoryStream(file.Content, writable: false);
                await blobs.PutAsync(key, content, file.ContentType, ct);
                written.Add(key);
            }

            return await save(written);
        }
        catch (Exception ex) when (written.Count > 0)
        {
            log.LogWarning(ex, "Not stored; removing its {Count} uploaded file(s) under {Prefix}", written.Count, prefix);
            foreach (var key in written)
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }

            throw;
        }
    }
}
