using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pps.Web.Infrastructure.Storage;

/// <summary>Blobs in a private Azure Blob Storage container (tested against Azurite). Downloads are streamed through the hub after its authorisation check.</summary>
internal sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    private int _created;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        await EnsureContainerAsync(ct);
        await container.GetBlobClient(Checked(key)).UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            ct);
    }

    public async Task<BlobContent?> OpenAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var download = await container.GetBlobClient(Checked(key)).DownloadStreamingAsync(cancellationToken: ct);
            return new BlobContent(download.Value.Content, download.Value.Details.ContentType ?? "application/octet-stream", download.Value.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
        => await container.GetBlobClient(Checked(key)).DeleteIfExistsAsync(cancellationToken: ct);

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        try
        {
            return (await container.GetBlobClient(Checked(key)).ExistsAsync(ct)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!(await container.ExistsAsync(ct)).Value)
        {
            yield break;
        }

        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix + "/" }, ct))
        {
            if (BlobKeys.IsValid(item.Name) && item.Properties.LastModified is { } modified)
            {
                yield return new StoredBlob(item.Name, modified);
            }
        }
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
        }
    }

    private static string Checked(string key)
        => BlobKeys.IsValid(key) ? key : throw new ArgumentException("Not a valid blob key.", nameof(key));
}
