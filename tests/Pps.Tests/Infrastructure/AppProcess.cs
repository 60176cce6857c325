using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Pps.Tests.Infrastructure;

/// <summary>
/// The hub as a real separate process on a real loopback port (Kestrel), as the run command starts it. Used by
/// browser tests and by tests that stop and start the process (restart, kill). Stopped by PID.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private Process? _process;
    private readonly System.Text.StringBuilder _output = new();

    public AppProcess(IDictionary<string, string?>? settings = null, int? port = null)
    {
        Port = port ?? FreePort();
        DataDirectory = Path.Combine(Path.GetTempPath(), "pps-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["Pps__DataDirectory"] = DataDirectory,
            ["Pps__DemoData"] = "true",
            ["Pps__PublicBaseUrl"] = $"http://127.0.0.1:{Port}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The demo accounts' password (DemoData.Password; this file is also built into the browser tests, which do not reference the hub).</summary>
    public const string DemoPassword = "Pps-demo-2026!";

    /// <summary>A bearer token of a demo member, from this instance's own log-in.</summary>
    public async Task<string> TokenForAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = DemoPassword });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>An API client of this instance signed in as a demo member.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenForAsync(email));
        return http;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? Pid => _process?.Id;

    public static string RepositoryRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "PPS.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("PPS.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var webDir = Path.Combine(RepositoryRoot, "src", "Pps.Web");
        var dll = Directory.GetFiles(Path.Combine(webDir, "bin"), "Pps.Web.dll", SearchOption.AllDirectories)
            .Where(f => f.Contains("net10.0", StringComparison.Ordinal) && !f.Contains("/publish/", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --contentRoot \"{webDir}\"")
        {
            WorkingDirectory = webDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            psi.Environment[key] = value;
        }

        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The hub did not become ready on {BaseAddress}: {Output}");
    }

    /// <summary>Stops the process: gracefully (SIGTERM) or by SIGKILL.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        if (kill)
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            using var term = Process.Start("kill", $"-TERM {_process.Id}");
            await term!.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(kill: true);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
