using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pps.Tests.Infrastructure;
using Pps.Tests.Noticeboards;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Tests.Storage;

/// <summary>
/// Blobs left behind when storage failed in the middle of an upload (no row refers to them) are deleted once they are
/// older than the grace period; blobs a row refers to, young blobs and blobs outside the hub's prefixes stay.
/// </summary>
public abstract class OrphanBlobSweepTests(PpsApp app)
{
    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task An_unreferenced_blob_is_deleted_after_the_grace_period_and_referenced_young_or_foreign_blobs_stay()
    {
        var referenced = await ReferencedKeyAsync();
        var orphan = BlobKeys.New("noticeboards");
        var foreign = BlobKeys.New("tests");
        foreach (var key in new[] { referenced, orphan, foreign })
        {
            await Store.PutAsync(key, new MemoryStream(BoardsTestKit.Pdf()), "application/pdf");
        }

        var options = new StorageOptions();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await SweepAsync(clock, options);
        Assert.True(await Store.ExistsAsync(orphan), "a young orphan may be an upload whose row is still being written");

        clock.Advance(options.OrphanGracePeriod + TimeSpan.FromMinutes(5));
        await SweepAsync(clock, options);

        Assert.False(await Store.ExistsAsync(orphan));
        Assert.True(await Store.ExistsAsync(referenced));
        Assert.True(await Store.ExistsAsync(foreign));
        await using var blob = await Store.OpenAsync(referenced);
        Assert.NotNull(blob);
    }

    [Fact]
    public void The_grace_period_is_one_day_by_default()
        => Assert.Equal(TimeSpan.FromDays(1), app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.OrphanGracePeriod);

    private async Task SweepAsync(TimeProvider clock, StorageOptions options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>(); // no tenant: the job must look across tenants itself
        await new OrphanBlobSweepJob(db, Store, clock, Options.Create(options), NullLogger<OrphanBlobSweepJob>.Instance).RunAsync(CancellationToken.None);
    }

    /// <summary>A key a real attachment row holds: a post with a PDF through the API.</summary>
    private async Task<string> ReferencedKeyAsync()
    {
        var board = await app.BoardAsync("estate:lansinghage");
        var client = await app.ClientForAsync(BoardsTestKit.BoardMember);
        var response = await client.PostAsync($"/api/boards/{board}/posts", BoardsTestKit.Form("Sweep " + Guid.NewGuid().ToString("N")[..6], "Bijlage.", ("a.pdf", BoardsTestKit.Pdf(), "application/pdf")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var postId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await app.WithDbAsync(db => db.PostAttachments.Where(a => a.PostId == postId).Select(a => a.BlobKey).SingleAsync());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class OrphanBlobSweepOnDiskTestsOnSqlite(SqliteApp app) : OrphanBlobSweepTests(app), IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pps-sweep", Guid.NewGuid().ToString("N"));

    protected override IBlobStore Store => new DiskBlobStore(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

[Collection(PostgresApp.Collection)]
public sealed class OrphanBlobSweepOnDiskTestsOnPostgres(PostgresApp app) : OrphanBlobSweepTests(app), IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pps-sweep", Guid.NewGuid().ToString("N"));

    protected override IBlobStore Store => new DiskBlobStore(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

[Collection(PostgresApp.Collection)]
public sealed class OrphanBlobSweepOnAzuriteTestsOnPostgres(PostgresApp app, AzuriteFixture azurite) : OrphanBlobSweepTests(app), IClassFixture<AzuriteFixture>
{
    protected override IBlobStore Store { get; } = new AzureBlobStore(new BlobContainerClient(azurite.Azurite.AzuriteConnectionString, "pps-sweep-" + Guid.NewGuid().ToString("N")[..8]));
}
