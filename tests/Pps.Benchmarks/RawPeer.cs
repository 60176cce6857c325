using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pps.Benchmarks;

/// <summary>
/// The limit: a bare WebSocket broadcast server on Kestrel. Every text message any client sends goes unchanged to
/// every connected client, through a per-connection queue so one slow client never holds up the others (what
/// SignalR's per-connection pipe does too). No protocol, no authentication, no groups.
/// </summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<long, Channel<ReadOnlyMemory<byte>>> _clients = [];
    private long _nextId;

    private RawPeer(WebApplication app) => _app = app;

    public Uri Uri { get; private set; } = null!;

    public static async Task<RawPeer> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var peer = new RawPeer(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapGet("/health", () => "ok");
        app.MapPost("/gc", FullGc.Collect);
        app.Map("/ws", peer.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        peer.Uri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        return peer;
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        var queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        var id = Interlocked.Increment(ref _nextId);
        lock (_clients)
        {
            _clients[id] = queue;
        }

        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in queue.Reader.ReadAllAsync())
                {
                    await ws.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        });

        var buffer = new byte[8192];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(buffer.AsMemory(count), http.RequestAborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                Broadcast(buffer.AsSpan(0, count).ToArray());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            lock (_clients)
            {
                _clients.Remove(id);
            }

            queue.Writer.TryComplete();
            await writer;
        }
    }

    private void Broadcast(ReadOnlyMemory<byte> message)
    {
        Channel<ReadOnlyMemory<byte>>[] targets;
        lock (_clients)
        {
            targets = [.. _clients.Values];
        }

        foreach (var target in targets)
        {
            target.Writer.TryWrite(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// <c>POST /gc</c> of the raw peer, as the hub's <c>/benchmark/gc</c> and the Socket.IO peer's <c>/gc</c>: a full,
/// compacting, blocking collection that returns free memory to the OS, so scenario 4 reads resident memory with only
/// live objects in it.
/// </summary>
internal static class FullGc
{
    public static IResult Collect()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return Results.Ok(new { heapBytes = GC.GetGCMemoryInfo().HeapSizeBytes });
    }
}
