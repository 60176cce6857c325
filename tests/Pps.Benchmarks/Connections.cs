using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Pps.Benchmarks;

/// <summary>
/// One handler for every client WebSocket of the harness. Each new TCP connection is bound to the next of several
/// loopback source addresses (127.0.0.2 … 127.0.0.9), so 10,000 connections never run short of ephemeral ports.
/// </summary>
public static class Loopback
{
    private static int _next;

    public const int SourceAddresses = 8;

    public static readonly HttpMessageInvoker Invoker = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(20),
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = async (context, ct) =>
        {
            var n = Interlocked.Increment(ref _next);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(2 + (n % SourceAddresses))]), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, string? bearer, CancellationToken ct)
    {
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        if (bearer is not null)
        {
            ws.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        try
        {
            await ws.ConnectAsync(uri, Invoker, ct);
            return ws;
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }
}

/// <summary>A connection of the load: it reports every message it receives and can send one (senders only).</summary>
public interface ILoadConnection : IAsyncDisposable
{
    bool IsOpen { get; }

    Task SendAsync(string payload, CancellationToken ct);
}

/// <summary>Receives whole text messages from a WebSocket until it closes.</summary>
public abstract class WebSocketConnection(ClientWebSocket ws) : ILoadConnection
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private Task _loop = Task.CompletedTask;

    protected ClientWebSocket Socket { get; } = ws;

    public bool IsOpen => Socket.State == WebSocketState.Open;

    protected void StartReceiving() => _loop = Task.Run(ReceiveLoopAsync);

    protected abstract void OnMessage(ReadOnlySpan<byte> message);

    public abstract Task SendAsync(string payload, CancellationToken ct);

    protected async Task SendTextAsync(string text, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _send.WaitAsync(ct);
        try
        {
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[4096];
        var message = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (Socket.State == WebSocketState.Open)
            {
                var result = await Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.EndOfMessage && message.WrittenCount == 0)
                {
                    OnMessage(buffer.AsSpan(0, result.Count));
                    continue;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    OnMessage(message.WrittenSpan);
                    message.Clear();
                }
            }
        }
        catch (WebSocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        Socket.Abort();
        Socket.Dispose();
        await Task.WhenAny(_loop, Task.Delay(2000));
        _send.Dispose();
    }
}

/// <summary>The raw peer: the message is the whole text frame.</summary>
public sealed class RawConnection : WebSocketConnection
{
    private readonly RecorderSlot _slot;

    private RawConnection(ClientWebSocket ws, RecorderSlot slot) : base(ws) => _slot = slot;

    public static async Task<ILoadConnection> ConnectAsync(Uri uri, RecorderSlot slot, CancellationToken ct)
    {
        var c = new RawConnection(await Loopback.ConnectAsync(uri, null, ct), slot);
        c.StartReceiving();
        return c;
    }

    protected override void OnMessage(ReadOnlySpan<byte> message)
    {
        if (Payload.TryRead(message, out var window, out var sent))
        {
            _slot.Record(window, sent);
        }
    }

    public override Task SendAsync(string payload, CancellationToken ct) => SendTextAsync(payload, ct);
}

/// <summary>
/// Socket.IO 4 spoken directly over a WebSocket (Engine.IO protocol 4, WebSocket transport only): the server opens
/// with <c>0{…}</c>, the client joins the default namespace with <c>40</c>, events are <c>42["m",{…}]</c>, and the
/// client answers the server's ping <c>2</c> with <c>3</c>. This keeps every peer's load client the same .NET
/// WebSocket in the same process and on the same clock; a Node client would compete for the client core and be a
/// second clock.
/// </summary>
public sealed class SocketIoConnection : WebSocketConnection
{
    private readonly RecorderSlot _slot;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SocketIoConnection(ClientWebSocket ws, RecorderSlot slot) : base(ws) => _slot = slot;

    public static async Task<ILoadConnection> ConnectAsync(Uri server, RecorderSlot slot, CancellationToken ct)
    {
        var uri = new Uri(server, "/socket.io/?EIO=4&transport=websocket");
        var c = new SocketIoConnection(await Loopback.ConnectAsync(uri, null, ct), slot);
        c.StartReceiving();
        try
        {
            await c._joined.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }

        return c;
    }

    protected override void OnMessage(ReadOnlySpan<byte> message)
    {
        if (message.Length == 0)
        {
            return;
        }

        switch (message[0])
        {
            case (byte)'0':
                _ = SendTextAsync("40", CancellationToken.None);
                break;
            case (byte)'2':
                _ = SendTextAsync("3", CancellationToken.None);
                break;
            case (byte)'4' when message.Length > 1 && message[1] == (byte)'0':
                _joined.TrySetResult();
                break;
            case (byte)'4' when message.Length > 1 && message[1] == (byte)'2':
                if (Payload.TryRead(message, out var window, out var sent))
                {
                    _slot.Record(window, sent);
                }

                break;
        }
    }

    public override Task SendAsync(string payload, CancellationToken ct) => SendTextAsync("42[\"m\"," + payload + "]", ct);
}

/// <summary>
/// The hub's JSON protocol spoken directly over a WebSocket, like <see cref="SocketIoConnection"/> for Socket.IO:
/// the handshake <c>{"protocol":"json","version":1}</c>, records ended by the 0x1E separator, invocations
/// <c>{"type":1,"target":"BenchmarkMessage","arguments":[{…}]}</c>, pings <c>{"type":6}</c> both ways. So the hub's
/// load clients are the same .NET WebSocket, frame scan and clock as the peers' (the issue asks for the same client
/// technology where possible): the official SignalR client parses every message into objects, which on the one client
/// core of 5,000 connections is client time, not hub time (<c>docs/benchmarks/live-profile.md</c>). The MessagePack row
/// keeps the official client.
/// </summary>
public sealed class HubJsonConnection : WebSocketConnection
{
    private const byte Separator = 0x1E;
    private static readonly ConcurrentDictionary<HubJsonConnection, byte> Open = new();
    private static readonly Lazy<Task> Pinger = new(() => Task.Run(PingForeverAsync));

    private readonly RecorderSlot _slot;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubJsonConnection(ClientWebSocket ws, RecorderSlot slot) : base(ws) => _slot = slot;

    public static async Task<ILoadConnection> ConnectAsync(Uri hub, string token, RecorderSlot slot, CancellationToken ct)
    {
        var uri = new UriBuilder(new Uri(hub, "/hubs/live")) { Scheme = hub.Scheme == "https" ? "wss" : "ws" }.Uri;
        var c = new HubJsonConnection(await Loopback.ConnectAsync(uri, token, ct), slot);
        c.StartReceiving();
        try
        {
            await c.SendTextAsync("{\"protocol\":\"json\",\"version\":1}\u001e", ct);
            await c._handshake.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }

        Open[c] = 0;
        _ = Pinger.Value;
        return c;
    }

    protected override void OnMessage(ReadOnlySpan<byte> message)
    {
        while (!message.IsEmpty)
        {
            var end = message.IndexOf(Separator);
            var record = end < 0 ? message : message[..end];
            message = end < 0 ? default : message[(end + 1)..];
            if (!_handshake.Task.IsCompleted)
            {
                // The handshake answer: {} or {"error":"…"}.
                if (record.IndexOf("\"error\""u8) >= 0)
                {
                    _handshake.TrySetException(new InvalidOperationException("Hub handshake refused: " + Encoding.UTF8.GetString(record)));
                }
                else
                {
                    _handshake.TrySetResult();
                }

                continue;
            }

            if (record.StartsWith("{\"type\":1,"u8) && Payload.TryRead(record, out var window, out var sent))
            {
                _slot.Record(window, sent);
            }
        }
    }

    public override Task SendAsync(string payload, CancellationToken ct) => throw new NotSupportedException("The hub's senders post over HTTP.");

    public override async ValueTask DisposeAsync()
    {
        Open.TryRemove(this, out _);
        await base.DisposeAsync();
    }

    /// <summary>The server closes a connection it has not heard from in 30 s; one loop pings every open connection every 15 s, as the official client does.</summary>
    private static async Task PingForeverAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        while (await timer.WaitForNextTickAsync())
        {
            foreach (var c in Open.Keys)
            {
                if (!c.IsOpen)
                {
                    Open.TryRemove(c, out _);
                    continue;
                }

                try
                {
                    await c.SendTextAsync("{\"type\":6}\u001e", CancellationToken.None);
                }
                catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
                {
                    Open.TryRemove(c, out _);
                }
            }
        }
    }
}

/// <summary>What the hub's benchmark helper sends (<c>BenchmarkPayload</c> in the hub): the same fields as <see cref="Payload"/>.</summary>
public sealed record HubPayload(int W, int S, long N, long T, string P);

/// <summary>
/// An authenticated SignalR connection to <c>/hubs/live</c> with the official .NET client: JSON protocol (as the
/// browser) or MessagePack (<see cref="PeerKind.HubMessagePack"/>).
/// </summary>
public sealed class HubLoadConnection : ILoadConnection
{
    private HubLoadConnection(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public bool IsOpen => Connection.State == HubConnectionState.Connected;

    public static HubConnection Build(Uri hub, string token, bool negotiate, IRetryPolicy? retry = null, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(hub, "/hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                if (!negotiate)
                {
                    // The browser negotiates first (one more HTTP request per connect); straight to the WebSocket
                    // here, like the peers' clients, and without thousands of idle negotiate connections in the pool.
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                }

                o.WebSocketFactory = async (context, ct) => await Loopback.ConnectAsync(context.Uri, token, ct);
            })
            .WithServerTimeout(TimeSpan.FromSeconds(60))
            .WithKeepAliveInterval(TimeSpan.FromSeconds(15));
        if (retry is not null)
        {
            builder.WithAutomaticReconnect(retry);
        }

        if (messagePack)
        {
            // AddMessagePackProtocol replaces JSON as the protocol the client asks for in the handshake.
            builder.AddMessagePackProtocol();
        }

        return builder.Build();
    }

    public static async Task<ILoadConnection> ConnectAsync(Uri hub, string token, RecorderSlot slot, CancellationToken ct, bool messagePack = false)
    {
        var connection = Build(hub, token, negotiate: false, messagePack: messagePack);
        connection.On<HubPayload>("BenchmarkMessage", payload => slot.Record(payload.W, payload.T));
        try
        {
            await connection.StartAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new HubLoadConnection(connection);
    }

    public Task SendAsync(string payload, CancellationToken ct) => throw new NotSupportedException("The hub's senders post over HTTP.");

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Connection.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
        }

        await Connection.DisposeAsync();
    }
}

/// <summary>The hub's senders: each message is posted to the Benchmark-only broadcast endpoint, which sends it to the estate group.</summary>
internal sealed class HubSender(HttpClient http, Guid estateId) : ILoadConnection
{
    public bool IsOpen => true;

    public async Task SendAsync(string payload, CancellationToken ct)
    {
        using var content = new StringContent(payload, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri($"/benchmark/broadcast/{estateId}", UriKind.Relative), content, ct);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public enum PeerKind
{
    Hub,
    Raw,
    SocketIo,

    /// <summary>The same hub and helper, its clients speaking SignalR's MessagePack protocol instead of JSON.</summary>
    HubMessagePack,
}

/// <summary>N receiving connections to one peer plus its senders; connects in parallel, bounded, and keeps what it reached.</summary>
public sealed class ConnectionSet : IAsyncDisposable
{
    private readonly List<ILoadConnection> _receivers = [];
    private readonly List<ILoadConnection> _senders = [];
    private readonly Func<int, CancellationToken, Task<ILoadConnection>> _connect;

    public ConnectionSet(PeerKind kind, Func<int, CancellationToken, Task<ILoadConnection>> connect)
    {
        Kind = kind;
        _connect = connect;
    }

    public PeerKind Kind { get; }

    public RecorderSlot Slot { get; } = new();

    public int Count => _receivers.Count;

    public int Open => _receivers.Count(r => r.IsOpen);

    public IReadOnlyList<ILoadConnection> Senders => _senders;

    public List<string> Errors { get; } = [];

    public void AddSender(ILoadConnection sender) => _senders.Add(sender);

    /// <summary>Adds connections until <paramref name="target"/> are held; stops early when more than 2% fail.</summary>
    public async Task GrowToAsync(int target, TimeSpan timeout, int parallel = 64)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var failures = 0;
        var next = _receivers.Count;
        var gate = new SemaphoreSlim(parallel);
        var tasks = new List<Task>();
        while (next < target && !deadline.IsCancellationRequested && failures <= Math.Max(10, target / 50))
        {
            try
            {
                await gate.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var index = next++;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using var one = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    one.CancelAfter(TimeSpan.FromSeconds(30));
                    var c = await _connect(index, one.Token);
                    lock (_receivers)
                    {
                        _receivers.Add(c);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failures);
                    lock (Errors)
                    {
                        if (Errors.Count < 5)
                        {
                            Errors.Add(e.GetType().Name + ": " + e.Message);
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        var all = _receivers.Concat(_senders).ToArray();
        for (var i = 0; i < all.Length; i += 256)
        {
            await Task.WhenAll(all.Skip(i).Take(256).Select(c => c.DisposeAsync().AsTask()));
        }

        _receivers.Clear();
        _senders.Clear();
    }
}
