namespace Pps.Web.Infrastructure.Storage;

/// <summary>Blobs as files under <c>{DataDirectory}/blobs</c>. Writes go to a temporary file first, so a failed upload leaves nothing behind.</summary>
internal sealed class DiskBlobStore(string root) : IBlobStore
{
    private const string TypeSuffix = ".content-type";

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
            }

            await File.WriteAllTextAsync(path + TypeSuffix, contentType, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<BlobContent?> OpenAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<BlobContent?>(null);
        }

        var type = File.Exists(path + TypeSuffix) ? File.ReadAllText(path + TypeSuffix) : "application/octet-stream";
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Task.FromResult<BlobContent?>(new BlobContent(stream, type, stream.Length));
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        File.Delete(path);
        File.Delete(path + TypeSuffix);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(key)));

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var folder = Path.Combine(root, prefix);
        if (!BlobKeys.IsValid(prefix + "/x") || !Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            // Content-type side files and unfinished temporary files are not blobs (a .tmp is removed by its upload).
            if (!BlobKeys.IsValid(key))
            {
                continue;
            }

            yield return new StoredBlob(key, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
        }

        await Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (!BlobKeys.IsValid(key))
        {
            throw new ArgumentException("Not a valid blob key.", nameof(key));
        }

        return Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
