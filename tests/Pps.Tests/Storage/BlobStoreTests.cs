using System.Text;
using Azure.Storage.Blobs;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Tests.Storage;

/// <summary>The same contract for both blob stores: the folder on disk and Azure Blob Storage (Azurite).</summary>
public abstract class BlobStoreTests
{
    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task A_blob_is_stored_read_back_and_deleted()
    {
        var key = BlobKeys.New("tests");
        await Store.PutAsync(key, new MemoryStream("%PDF-1.4 hello"u8.ToArray()), "application/pdf");
        Assert.True(await Store.ExistsAsync(key));
        await using (var blob = await Store.OpenAsync(key))
        {
            Assert.NotNull(blob);
            Assert.Equal("application/pdf", blob.ContentType);
            using var reader = new StreamReader(blob.Content, Encoding.UTF8);
            Assert.Equal("%PDF-1.4 hello", await reader.ReadToEndAsync());
        }

        await Store.DeleteAsync(key);
        Assert.False(await Store.ExistsAsync(key));
        Assert.Null(await Store.OpenAsync(key));
    }

    [Fact]
    public async Task A_missing_blob_opens_as_null()
        => Assert.Null(await Store.OpenAsync(BlobKeys.New("tests")));

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("tests/../../x")]
    [InlineData("/absolute/path")]
    [InlineData("Tests/UPPER")]
    public async Task A_key_that_could_escape_is_refused(string key)
        => await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), "application/octet-stream"));

    [Fact]
    public async Task An_upload_that_fails_midway_leaves_no_blob()
    {
        var key = BlobKeys.New("tests");
        await Assert.ThrowsAnyAsync<Exception>(() => Store.PutAsync(key, new FailingStream(), "application/pdf"));
        Assert.False(await Store.ExistsAsync(key));
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 2)
            {
                throw new IOException("connection reset while uploading");
            }

            Array.Fill(buffer, (byte)'x', offset, Math.Min(count, 1024));
            return Math.Min(count, 1024);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class DiskBlobStoreTests : BlobStoreTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pps-blobs-" + Guid.NewGuid().ToString("N"));

    protected override IBlobStore Store => new DiskBlobStore(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

public sealed class AzuriteFixture : IAsyncLifetime
{
    public ServiceProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await ServiceProcess.StartAzuriteAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreTests, IClassFixture<AzuriteFixture>
{
    protected override IBlobStore Store { get; } = new AzureBlobStore(new BlobContainerClient(azurite.Azurite.AzuriteConnectionString, "pps-tests"));
}
