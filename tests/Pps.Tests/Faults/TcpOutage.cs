using System.Net;
using System.Net.Sockets;

namespace Pps.Tests.Faults;

/// <summary>
/// A loopback TCP forwarder in front of a service, so a test can take the service "off the network" (refuse new
/// connections and cut the open ones) and bring it back on the same port, without stopping a server other test
/// classes share.
/// </summary>
public sealed class TcpOutage : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    public TcpOutage(int targetPort)
    {
        _targetPort = targetPort;
        Port = Infrastructure.PostgresServer.FreePort();
        Start();
    }

    public int Port { get; }

    public bool IsUp => _listener is not null;

    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    /// <summary>New connections are refused and every open one is cut, as when the database host goes away.</summary>
    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    if (client.Client is { } socket)
                    {
                        socket.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                    }

                    client.Close();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                }
            }

            _open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = PipeAsync(inbound, ct);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken ct)
    {
        var outbound = new TcpClient();
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, ct);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), both.Token);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), both.Token);
            await Task.WhenAny(a, b);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }
}
