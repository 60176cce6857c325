using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pps.Web.Infrastructure.Storage;

/// <summary>
/// A small client for ClamAV's daemon over TCP (clamd's INSTREAM command; there is no maintained .NET client in our
/// registry). One connection per file: <c>zINSTREAM\0</c>, then chunks each preceded by its length as a 4-byte
/// big-endian integer, then a zero length; clamd answers one NUL-terminated line: <c>stream: OK</c>,
/// <c>stream: &lt;signature&gt; FOUND</c> or <c>... ERROR</c>. Anything but a clear verdict, a connect or scan
/// timeout, or a file over <see cref="ClamAvOptions.MaxStreamBytes"/> throws <see cref="ScannerUnavailableException"/>.
/// </summary>
public sealed class ClamAvScanner(IOptions<ScanningOptions> options) : IMalwareScanner
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxReplyBytes = 4096;

    private ClamAvOptions Options => options.Value.ClamAv;

    public async Task<ScanVerdict> ScanAsync(Stream content, CancellationToken ct = default)
    {
        if (content.CanSeek && content.Length - content.Position > Options.MaxStreamBytes)
        {
            throw new ScannerUnavailableException($"The file is larger than the scanner's limit of {Options.MaxStreamBytes} bytes.");
        }

        var reply = await ConverseAsync("zINSTREAM\0"u8.ToArray(), async (stream, token) =>
        {
            var buffer = new byte[4 + ChunkSize];
            long sent = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), token)) > 0)
            {
                sent += read;
                if (sent > Options.MaxStreamBytes)
                {
                    throw new ScannerUnavailableException($"The file is larger than the scanner's limit of {Options.MaxStreamBytes} bytes.");
                }

                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), token);
            }

            await stream.WriteAsync(new byte[4], token);
        }, ct);
        return Parse(reply);
    }

    public async Task PingAsync(CancellationToken ct = default)
    {
        var reply = await ConverseAsync("zPING\0"u8.ToArray(), null, ct);
        if (reply != "PONG")
        {
            throw new ScannerUnavailableException($"clamd answered PING with '{reply}'.");
        }
    }

    /// <summary>Reads clamd's answer to INSTREAM; public for its tests.</summary>
    public static ScanVerdict Parse(string reply)
    {
        const string prefix = "stream: ";
        if (reply == prefix + "OK")
        {
            return ScanVerdict.Clean;
        }

        if (reply.StartsWith(prefix, StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var name = reply[prefix.Length..^" FOUND".Length].Trim();
            if (name.Length > 0)
            {
                return new ScanVerdict(name.Length > 200 ? name[..200] : name);
            }
        }

        // "INSTREAM size limit exceeded. ERROR", "stream: ... ERROR", anything unexpected: no verdict, fail closed.
        throw new ScannerUnavailableException($"clamd gave no verdict: '{(reply.Length > 200 ? reply[..200] : reply)}'.");
    }

    private async Task<string> ConverseAsync(byte[] command, Func<NetworkStream, CancellationToken, Task>? send, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.ScanTimeout);
        using var client = new TcpClient { NoDelay = true };
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
            {
                connect.CancelAfter(Options.ConnectTimeout);
                await client.ConnectAsync(Options.Host, Options.Port, connect.Token);
            }

            var stream = client.GetStream();
            await stream.WriteAsync(command, timeout.Token);
            if (send is not null)
            {
                try
                {
                    await send(stream, timeout.Token);
                }
                catch (IOException)
                {
                    // clamd closes the connection when the stream exceeds its StreamMaxLength; its reply says why.
                }
            }

            return await ReadReplyAsync(stream, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ScannerUnavailableException($"clamd at {Options.Host}:{Options.Port} did not answer in time.");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            throw new ScannerUnavailableException($"clamd at {Options.Host}:{Options.Port} is not reachable: {ex.Message}", ex);
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var reply = new MemoryStream();
        var buffer = new byte[512];
        while (reply.Length < MaxReplyBytes)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
            {
                break;
            }

            var end = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.Write(buffer, 0, end >= 0 ? end : read);
            if (end >= 0)
            {
                break;
            }
        }

        var text = Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length).Trim();
        return text.Length == 0 ? throw new ScannerUnavailableException("clamd closed the connection without an answer.") : text;
    }
}
