using Pps.Benchmarks;
using Xunit.Abstractions;

namespace Pps.Tests.Benchmarks;

/// <summary>
/// Keeps the benchmark harness of <c>tests/Pps.Benchmarks</c> working: the same code as <c>bash bench/run.sh</c>,
/// with 50 connections for a few seconds, against the raw peer in-process, the hub as a real process in the
/// Benchmark environment, and the Socket.IO peer when Node and socket.io are installed. It asserts that every
/// message arrives, never how fast.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    private const int Connections = 50;

    private static readonly string LogDirectory = Path.Combine(Path.GetTempPath(), "pps-bench-smoke", Guid.NewGuid().ToString("N"));

    private static BenchOptions Options => new()
    {
        // The hub build next to this test assembly's own configuration; nothing pinned in the suite.
        Configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug",
        ServerCpus = null,
    };

    [Fact]
    public async Task The_raw_WebSocket_peer_delivers_every_broadcast_to_fifty_connections()
    {
        await using var peer = await RawPeer.StartAsync(0);
        ConnectionSet set = null!;
        set = new ConnectionSet(PeerKind.Raw, (_, ct) => RawConnection.ConnectAsync(peer.Uri, set.Slot, ct));
        await using (set)
        {
            set.AddSender(await RawConnection.ConnectAsync(peer.Uri, new RecorderSlot(), CancellationToken.None));
            set.AddSender(await RawConnection.ConnectAsync(peer.Uri, new RecorderSlot(), CancellationToken.None));
            await set.GrowToAsync(Connections, TimeSpan.FromSeconds(60));
            Assert.Equal(Connections, set.Count);

            var window = await Broadcast.RunWindowAsync(set, rate: 4, TimeSpan.FromSeconds(2), drain: TimeSpan.FromSeconds(15));

            AssertEverythingDelivered(window);
        }
    }

    [Fact]
    public async Task The_hub_delivers_every_group_broadcast_and_every_posted_alert_to_fifty_members_and_serves_their_pages()
    {
        var paths = BenchPaths.Find();
        await using var session = await PeerSession.OpenAsync(PeerKind.Hub, paths, Options, LogDirectory, Connections, senders: 2);
        await session.Set.GrowToAsync(Connections, TimeSpan.FromSeconds(90));
        Assert.True(Connections == session.Set.Count, string.Join(" | ", session.Set.Errors));

        var window = await Broadcast.RunWindowAsync(session.Set, rate: 4, TimeSpan.FromSeconds(2), drain: TimeSpan.FromSeconds(20));
        AssertEverythingDelivered(window);

        var hub = session.Hub!;
        var alerts = await Scenarios.AlertPathAsync(hub, await hub.LoginAsync("oov@zoetermeer.demo"), Connections, alerts: 2, TimeSpan.FromSeconds(1), output.WriteLine);
        Assert.Equal(2, alerts.Posted);
        Assert.Equal(Connections, alerts.Reached);
        Assert.Equal(0, alerts.Missing);

        var pages = await Scenarios.PagesAsync(hub, members: 5, TimeSpan.FromSeconds(3), (0.2, 0.5), output.WriteLine);
        Assert.True(pages.Rows[^1].Requests > 0);
        Assert.True(pages.Rows[^1].Errors == 0, string.Join(" | ", pages.ErrorSamples));

        // Scenario 4's reading after the hub's own full collection (its Benchmark-only /benchmark/gc route).
        Assert.True(await session.ResidentAfterFullGcAsync() > 0);
    }

    [Fact]
    public async Task The_hub_delivers_every_group_broadcast_to_fifty_members_whose_clients_speak_MessagePack()
    {
        var paths = BenchPaths.Find();
        await using var session = await PeerSession.OpenAsync(PeerKind.HubMessagePack, paths, Options, LogDirectory, Connections, senders: 2);
        await session.Set.GrowToAsync(Connections, TimeSpan.FromSeconds(90));
        Assert.True(Connections == session.Set.Count, string.Join(" | ", session.Set.Errors));

        var window = await Broadcast.RunWindowAsync(session.Set, rate: 4, TimeSpan.FromSeconds(2), drain: TimeSpan.FromSeconds(20));

        AssertEverythingDelivered(window);
    }

    [SocketIoFact]
    public async Task The_Socket_IO_peer_delivers_every_broadcast_to_fifty_connections()
    {
        var paths = BenchPaths.Find();
        await using var session = await PeerSession.OpenAsync(PeerKind.SocketIo, paths, Options, LogDirectory, Connections, senders: 2);
        await session.Set.GrowToAsync(Connections, TimeSpan.FromSeconds(60));
        Assert.True(Connections == session.Set.Count, string.Join(" | ", session.Set.Errors));

        var window = await Broadcast.RunWindowAsync(session.Set, rate: 4, TimeSpan.FromSeconds(2), drain: TimeSpan.FromSeconds(15));

        AssertEverythingDelivered(window);
        // Scenario 4's reading after Node's full collection (/gc, which needs node --expose-gc).
        Assert.True(await session.ResidentAfterFullGcAsync() > 0);
    }

    private void AssertEverythingDelivered(WindowResult window)
    {
        output.WriteLine($"{window.Received}/{window.Expected} delivered, {window.SendFailures} send failures");
        Assert.Equal(0, window.SendFailures);
        Assert.Equal(Connections, window.Connections);
        Assert.True(window.Expected >= Connections * 8, $"Expected at least {Connections * 8} deliveries, planned {window.Expected}.");
        Assert.Equal(window.Expected, window.Received);
    }
}

/// <summary>A fact that is skipped, with the reason printed by the runner, when Node or the socket.io package is missing.</summary>
public sealed class SocketIoFactAttribute : FactAttribute
{
    public SocketIoFactAttribute()
    {
        if (BenchPaths.Find().SocketIoMissing() is { } why)
        {
            Skip = "Socket.IO peer not available: " + why + " Run `bash bench/run.sh --quick` (or npm install in bench/socketio) to install it.";
        }
    }
}
