using System.Text.RegularExpressions;

namespace Pps.Web.Infrastructure.Storage;

/// <summary>
/// The hub's one blob-storage interface: a folder on disk (embedded default) or Azure Blob Storage. Keys are made
/// by the hub (<see cref="BlobKeys.New"/>), never from a user's file name.
/// </summary>
public interface IBlobStore
{
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>Null when the blob does not exist.</summary>
    Task<BlobContent?> OpenAsync(string key, CancellationToken ct = default);

    Task DeleteAsync(string key, CancellationToken ct = default);

    Task<bool> ExistsAsync(string key, CancellationToken ct = default);

    /// <summary>Every blob whose key starts with <c>{prefix}/</c>, with the time it was last written (for the orphan sweep).</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken ct = default);
}

/// <summary>A listed blob.</summary>
public sealed record StoredBlob(string Key, DateTimeOffset LastModified);

/// <summary>An open blob; dispose it to close the stream.</summary>
public sealed record BlobContent(Stream Content, string ContentType, long? Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

public static partial class BlobKeys
{
    /// <summary>A new random key under a capability's prefix, e.g. <c>noticeboards/0193…</c>.</summary>
    public static string New(string prefix) => $"{prefix}/{Guid.CreateVersion7():N}";

    public static bool IsValid(string key) => key.Length <= 200 && Pattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")]
    private static partial Regex Pattern();
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Disk</c> (default: a folder under the data directory) or <c>Azure</c>.</summary>
    public string Provider { get; set; } = "Disk";

    /// <summary>Azure: a connection string (Azurite's works too). Alternatively <see cref="ServiceUri"/> with the app's managed identity.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure: the account's blob endpoint, used with the managed identity when no connection string is set.</summary>
    public string? ServiceUri { get; set; }

    /// <summary>Azure: the private container.</summary>
    public string Container { get; set; } = "pps";

    /// <summary>
    /// A blob no row refers to is deleted by <see cref="OrphanBlobSweepJob"/> only once it is this old: an upload writes
    /// its blobs before the row commits, and a day is far longer than any upload takes.
    /// </summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromDays(1);
}
