using System.Diagnostics;
using System.Net.Sockets;

namespace Pps.Tests.Infrastructure;

/// <summary>
/// Starts one of the machine's service binaries (Redis, Azurite) on a free loopback port, waits until the port
/// accepts connections, and stops it by PID when disposed or when the test process exits.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public static async Task<ServiceProcess> StartAsync(string file, Func<int, string> arguments, int? port = null, TimeSpan? startTimeout = null)
    {
        var p = port ?? PostgresServer.FreePort();
        var psi = new ProcessStartInfo(file, arguments(p))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + (startTimeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{file} exited with {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", p);
                return new ServiceProcess(process, p);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{file} did not listen on {p}");
    }

    /// <summary>Redis from the machine (installed by .ci/test), without persistence.</summary>
    public static Task<ServiceProcess> StartRedisAsync(int? port = null)
        => StartAsync(
            Environment.GetEnvironmentVariable("PPS_REDIS") is { Length: > 0 } r ? r : "redis-server",
            p => $"--port {p} --bind 127.0.0.1 --save \"\" --appendonly no",
            port);

    /// <summary>Azurite's blob service (installed by .ci/test under .ci/tools) in a throw-away folder.</summary>
    public static Task<ServiceProcess> StartAzuriteAsync()
    {
        var azurite = Environment.GetEnvironmentVariable("PPS_AZURITE") is { Length: > 0 } a
            ? a
            : Path.Combine(AppProcess.RepositoryRoot, ".ci", "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite not found at {azurite}: run .ci/test once (it installs Azurite) or set PPS_AZURITE.");
        }

        var location = Path.Combine(Path.GetTempPath(), "pps-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        return StartAsync(azurite, p => $"--blobHost 127.0.0.1 --blobPort {p} --location {location} --skipApiVersionCheck --disableTelemetry --silent");
    }

    /// <summary>
    /// ClamAV's daemon (clamd, Debian package <c>clamav-daemon</c>, installed by .ci/test) in the foreground on a free
    /// loopback port, with a signature database written here: this machine cannot reach ClamAV's mirror (no
    /// freshclam), so the database holds one body signature, <see cref="Eicar.Signature"/>, which matches the EICAR
    /// test string anywhere in a file. Loading it takes well under a second; the start is bounded to 20 s.
    /// </summary>
    public static async Task<ServiceProcess> StartClamdAsync()
    {
        var clamd = ClamdBinary() ?? throw new InvalidOperationException(ClamdMissing);
        var folder = Path.Combine(Path.GetTempPath(), "pps-clamd-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "db");
        Directory.CreateDirectory(database);
        await File.WriteAllTextAsync(Path.Combine(database, "pps-test.ndb"), $"{Eicar.Signature}:0:*:{Convert.ToHexStringLower(Eicar.Bytes)}\n");
        var port = PostgresServer.FreePort();
        var config = Path.Combine(folder, "clamd.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "Foreground yes",
            $"DatabaseDirectory {database}",
            $"TCPSocket {port}",
            "TCPAddr 127.0.0.1",
            $"LogFile {Path.Combine(folder, "clamd.log")}",
            $"StreamMaxLength {ClamdStreamMaxMegabytes}M",
            "Bytecode no",
            "") );
        return await StartAsync(clamd, _ => $"-c {config}", port, TimeSpan.FromSeconds(20));
    }

    /// <summary>The test clamd's <c>StreamMaxLength</c>: above the hub's largest upload (the library's 20 MiB).</summary>
    public const int ClamdStreamMaxMegabytes = 21;

    public const string ClamdMissing = "clamd (ClamAV's daemon) is not installed: run .ci/test once (it installs it) or `apt-get install clamav-daemon`, or set PPS_CLAMD.";

    /// <summary>clamd from PPS_CLAMD, /usr/sbin (Debian puts it there, outside a normal user's PATH) or the PATH; null when absent.</summary>
    public static string? ClamdBinary()
    {
        if (Environment.GetEnvironmentVariable("PPS_CLAMD") is { Length: > 0 } c)
        {
            return c;
        }

        foreach (var dir in new[] { "/usr/sbin", "/usr/local/sbin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')))
        {
            var path = Path.Combine(dir, "clamd");
            if (dir.Length > 0 && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// The one clamd of this test run, started on first use (every <see cref="PpsApp"/> scans uploads with it). Null
    /// with the reason in <see cref="SharedClamdProblem"/> when it is not installed or does not start; the scanning
    /// tests then fail with that reason.
    /// </summary>
    public static async Task<ServiceProcess?> SharedClamdAsync()
    {
        try
        {
            return await SharedClamd.Value;
        }
        catch (Exception ex)
        {
            SharedClamdProblem = ex.Message;
            Console.WriteLine($"[tests] uploads are not scanned in this run: {ex.Message}");
            return null;
        }
    }

    public static string? SharedClamdProblem { get; private set; }

    /// <summary>How long the shared clamd took from start until it accepted connections (signatures loaded).</summary>
    public static TimeSpan? SharedClamdStartTime { get; private set; }

    private static readonly Lazy<Task<ServiceProcess>> SharedClamd = new(async () =>
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var clamd = await StartClamdAsync();
        SharedClamdStartTime = watch.Elapsed;
        Console.WriteLine($"[tests] clamd listening on {clamd.Port} after {watch.ElapsedMilliseconds} ms");
        return clamd;
    });

    /// <summary>The connection string for Azurite's well-known development account on this port.</summary>
    public string AzuriteConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>
/// The EICAR anti-virus test file: harmless, detected by every scanner by agreement. Put together at run time so that
/// this source file is not itself flagged by a scanner on a developer's machine.
/// </summary>
public static class Eicar
{
    public const string Signature = "Pps-Test.EICAR";

    public static byte[] Bytes { get; } = System.Text.Encoding.ASCII.GetBytes(
        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-" + "ANTIVIRUS-TEST-FILE!$H+H*");

    /// <summary>A PDF that carries the EICAR string (the upload paths accept only PDFs and images).</summary>
    public static byte[] InPdf()
    {
        var head = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ");
        var tail = System.Text.Encoding.ASCII.GetBytes("\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return [.. head, .. Bytes, .. tail];
    }
}
