using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Pps.Benchmarks;

/// <summary>A server under test in its own process, optionally pinned with <c>taskset</c>; stopped by its PID.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string file, IEnumerable<string> args, IDictionary<string, string> environment, string? cpus, string workingDirectory, string logFile)
    {
        var psi = new ProcessStartInfo(cpus is null ? file : "taskset")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (cpus is not null)
        {
            // taskset execs the command: the PID is the server's own.
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(cpus);
            psi.ArgumentList.Add(file);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + file);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Resident memory (VmRSS) of the process, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        return 0;
    }

    public async Task WaitForHttpAsync(Uri uri, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(uri);
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

        throw new TimeoutException($"{uri} did not answer within {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>SIGTERM, then up to 20 s for a graceful exit; true when it had to be killed after that.</summary>
    public async Task<bool> StopAsync()
    {
        if (_process.HasExited)
        {
            return false;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where things are: the repository root, the built hub, node and the Socket.IO peer.</summary>
public sealed record BenchPaths(string Root)
{
    public static BenchPaths Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PPS.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return new BenchPaths(dir ?? throw new InvalidOperationException("PPS.sln not found above " + AppContext.BaseDirectory));
    }

    public string WebDirectory => Path.Combine(Root, "src", "Pps.Web");

    public string SocketIoDirectory => Path.Combine(Root, "bench", "socketio");

    /// <summary>The hub's build: the given configuration, else the newest one.</summary>
    public string WebDll(string? configuration)
    {
        var candidates = Directory.Exists(Path.Combine(WebDirectory, "bin"))
            ? Directory.GetFiles(Path.Combine(WebDirectory, "bin"), "Pps.Web.dll", SearchOption.AllDirectories)
                .Where(f => f.Contains("net10.0", StringComparison.Ordinal) && !f.Contains("/publish/", StringComparison.Ordinal))
                .Where(f => configuration is null || f.Contains($"/{configuration}/", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .ToArray()
            : [];
        return candidates.FirstOrDefault() ?? throw new FileNotFoundException($"Pps.Web.dll ({configuration ?? "any"}) is not built under {WebDirectory}/bin.");
    }

    /// <summary>Why the Socket.IO peer cannot run here, or null when it can.</summary>
    public string? SocketIoMissing()
    {
        if (!File.Exists(Path.Combine(SocketIoDirectory, "node_modules", "socket.io", "package.json")))
        {
            return $"socket.io is not installed in {SocketIoDirectory} (bench/run.sh runs npm install there).";
        }

        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            node!.WaitForExit(10_000);
            return node.ExitCode == 0 ? null : "node --version failed.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed.";
        }
    }
}

/// <summary>The Socket.IO 4 peer (<c>bench/socketio/server.js</c>) on Node.</summary>
public sealed class SocketIoServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private SocketIoServer(ServerProcess process, int port)
    {
        _process = process;
        Uri = new Uri($"ws://127.0.0.1:{port}");
    }

    public Uri Uri { get; }

    public ServerProcess Process => _process;

    public static async Task<SocketIoServer> StartAsync(BenchPaths paths, string? cpus, string logDirectory)
    {
        var port = ServerProcess.FreePort();
        var process = ServerProcess.Start("node", ["--expose-gc", "server.js", port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), cpus, paths.SocketIoDirectory, Path.Combine(logDirectory, "socketio.log"));
        var server = new SocketIoServer(process, port);
        await process.WaitForHttpAsync(new Uri($"http://127.0.0.1:{port}/health"), TimeSpan.FromSeconds(30));
        return server;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>The raw peer in its own process (this harness, <c>serve-raw PORT</c>), so it can be pinned like the others.</summary>
public sealed class RawServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private RawServer(ServerProcess process, int port)
    {
        _process = process;
        Uri = new Uri($"ws://127.0.0.1:{port}/ws");
    }

    public Uri Uri { get; }

    public ServerProcess Process => _process;

    public static async Task<RawServer> StartAsync(string? cpus, string logDirectory)
    {
        var port = ServerProcess.FreePort();
        var self = typeof(RawServer).Assembly.Location;
        // Server GC, as the hub runs with (ASP.NET Core's default).
        var env = new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" };
        var process = ServerProcess.Start("dotnet", [self, "serve-raw", port.ToString(CultureInfo.InvariantCulture)], env, cpus, AppContext.BaseDirectory, Path.Combine(logDirectory, "raw.log"));
        var server = new RawServer(process, port);
        await process.WaitForHttpAsync(new Uri($"http://127.0.0.1:{port}/health"), TimeSpan.FromSeconds(30));
        return server;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>
/// The PPS Hub as a real process in the <c>Benchmark</c> environment (Production settings plus the two benchmark
/// helpers), on SQLite with the demo data, on a loopback port. Restartable on the same port and database.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly BenchPaths _paths;
    private readonly string _dll;
    private readonly string? _cpus;
    private readonly string _logDirectory;
    private ServerProcess? _process;

    public HubServer(BenchPaths paths, string dll, string? cpus, string logDirectory)
    {
        _paths = paths;
        _dll = dll;
        _cpus = cpus;
        _logDirectory = logDirectory;
        Port = ServerProcess.FreePort();
        DataDirectory = Path.Combine(Path.GetTempPath(), "pps-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Http { get; }

    public ServerProcess Process => _process ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync()
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["Pps__DataDirectory"] = DataDirectory,
            ["Pps__DemoData"] = "true",
            ["Pps__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            // Logging at Warning: an Information line per request or connection would measure the console.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        _process = ServerProcess.Start("dotnet", [_dll, "--contentRoot", _paths.WebDirectory], env, _cpus, _paths.WebDirectory, Path.Combine(_logDirectory, "hub.log"));
        await _process.WaitForHttpAsync(new Uri(BaseAddress, "/health/ready"), TimeSpan.FromSeconds(180));
    }

    /// <summary>A graceful stop (SIGTERM, as a deployment does) and a start of the same build on the same port and database.</summary>
    public async Task<bool> StopAsync()
    {
        var killed = false;
        if (_process is not null)
        {
            killed = await _process.StopAsync();
            await _process.DisposeAsync();
            _process = null;
        }

        return killed;
    }

    public async Task<SeededMembers> SeedMembersAsync(int count, string? estateSlug = null)
    {
        SeededMembers? all = null;
        while ((all?.Members.Count ?? 0) < count)
        {
            var n = Math.Min(5000, count - (all?.Members.Count ?? 0));
            using var response = await Http.PostAsJsonAsync("/benchmark/members", new { count = n, estateId = all?.EstateId, estateSlug });
            response.EnsureSuccessStatusCode();
            var part = (await response.Content.ReadFromJsonAsync<SeededMembers>())!;
            all = all is null ? part : all with { Members = [.. all.Members, .. part.Members] };
        }

        return all!;
    }

    /// <summary>A bearer token by the real log-in (<c>POST /api/auth/login</c>).</summary>
    public async Task<string> LoginAsync(string email, string password = "Pps-demo-2026!")
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<LoginAnswer>();
        return body!.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record LoginAnswer(string AccessToken);
}

public sealed record SeededMember(Guid Id, string Token, string Cookie);

public sealed record SeededMembers(Guid TenantId, Guid EstateId, IReadOnlyList<SeededMember> Members);
