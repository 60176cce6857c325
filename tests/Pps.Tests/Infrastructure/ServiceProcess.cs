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

    public static async Task<ServiceProcess> StartAsync(string file, Func<int, string> arguments, int? port = null)
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
        var deadline = DateTime.UtcNow.AddSeconds(30);
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
