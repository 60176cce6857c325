using System.Net;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Noticeboards;

namespace Pps.Tests.Faults;

/// <summary>The hub on SQLite with Azure blob storage (Azurite) reached through a <see cref="TcpOutage"/>.</summary>
public sealed class BlobOutageApp : PpsApp
{
    public const string Container = "pps-outage";

    public ServiceProcess Azurite { get; private set; } = null!;

    public TcpOutage Outage { get; private set; } = null!;

    /// <summary>Azurite itself, not through the outage: what the test reads to see what was stored.</summary>
    public BlobContainerClient Direct => new(Azurite.AzuriteConnectionString, Container);

    public override string Provider => "Sqlite";

    public override async Task InitializeAsync()
    {
        Azurite = await ServiceProcess.StartAzuriteAsync();
        Outage = new TcpOutage(Azurite.Port);
        Settings["Storage:Provider"] = "Azure";
        Settings["Storage:ConnectionString"] = Azurite.AzuriteConnectionString.Replace($":{Azurite.Port}/", $":{Outage.Port}/", StringComparison.Ordinal);
        Settings["Storage:Container"] = Container;
        await base.InitializeAsync();
    }

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Outage.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>Blob storage unavailable during an upload: a clean 503, no post, no blob; uploads work again when it returns.</summary>
public sealed class BlobOutageTests(BlobOutageApp app) : IClassFixture<BlobOutageApp>
{
    [Fact]
    public async Task An_upload_while_blob_storage_is_away_fails_cleanly_and_stores_nothing_and_works_when_it_returns()
    {
        var author = await app.ClientForAsync(BoardsTestKit.BoardMember);
        var board = await app.BoardAsync("estate:lansinghage");

        // Storage is up: an attachment is stored (and the container exists).
        var before = BoardsTestKit.Form("Voor de storing " + Guid.NewGuid().ToString("N")[..8], "Met bijlage.", ("plan.pdf", BoardsTestKit.Pdf(), "application/pdf"));
        Assert.Equal(HttpStatusCode.Created, (await author.PostAsync($"/api/boards/{board}/posts", before)).StatusCode);
        var blobsBefore = await CountBlobsAsync();

        app.Outage.Stop();
        var title = "Tijdens de storing " + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using var failed = await author.PostAsync($"/api/boards/{board}/posts", BoardsTestKit.Form(title, "Met bijlage.", ("plan.pdf", BoardsTestKit.Pdf(), "application/pdf")));
            var text = await failed.Content.ReadAsStringAsync();
            Assert.True(failed.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)failed.StatusCode}: {text}");
            Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
            Assert.Contains("file storage is not reachable", text, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            app.Outage.Start();
        }

        // Nothing half-stored: no post row, no attachment row, no blob.
        Assert.False(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == title)));
        Assert.Equal(blobsBefore, await CountBlobsAsync());

        // Storage is back: the same upload succeeds without a restart.
        using var again = await author.PostAsync($"/api/boards/{board}/posts", BoardsTestKit.Form(title, "Met bijlage.", ("plan.pdf", BoardsTestKit.Pdf(), "application/pdf")));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(blobsBefore + 1, await CountBlobsAsync());
        Assert.True(await app.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == title)));
    }

    private async Task<int> CountBlobsAsync()
    {
        var count = 0;
        await foreach (var _ in app.Direct.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }
}
