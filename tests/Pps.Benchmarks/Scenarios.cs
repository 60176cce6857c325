using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Pps.Benchmarks;

/// <summary>One peer, started pinned, with its connection set (receivers and senders).</summary>
public sealed class PeerSession : IAsyncDisposable
{
    private readonly IAsyncDisposable _server;
    private readonly HttpClient? _senderHttp;

    private PeerSession(PeerKind kind, IAsyncDisposable server, ServerProcess process, ConnectionSet set, HubServer? hub, HttpClient? senderHttp, Uri fullGc)
    {
        Kind = kind;
        FullGc = fullGc;
        _server = server;
        Process = process;
        Set = set;
        Hub = hub;
        _senderHttp = senderHttp;
    }

    public PeerKind Kind { get; }

    public ServerProcess Process { get; }

    public ConnectionSet Set { get; }

    public HubServer? Hub { get; }

    /// <summary>The server's <c>POST</c> route that runs a full, compacting collection (scenario 4).</summary>
    public Uri FullGc { get; }

    public static async Task<PeerSession> OpenAsync(PeerKind kind, BenchPaths paths, BenchOptions options, string logDirectory, int capacity, int senders)
    {
        switch (kind)
        {
            case PeerKind.Hub or PeerKind.HubMessagePack:
            {
                var hub = new HubServer(paths, options.HubDll ?? paths.WebDll(options.Configuration), options.ServerCpus, logDirectory);
                try
                {
                    await hub.StartAsync();
                    var seeded = await hub.SeedMembersAsync(capacity);
                    ConnectionSet set = null!;
                    set = new ConnectionSet(kind, (i, ct) => kind == PeerKind.HubMessagePack
                        ? HubLoadConnection.ConnectAsync(hub.BaseAddress, seeded.Members[i].Token, set.Slot, ct, messagePack: true)
                        : HubJsonConnection.ConnectAsync(hub.BaseAddress, seeded.Members[i].Token, set.Slot, ct));
                    var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, UseCookies = false }) { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                    for (var s = 0; s < senders; s++)
                    {
                        set.AddSender(new HubSender(http, seeded.EstateId));
                    }

                    return new PeerSession(kind, hub, hub.Process, set, hub, http, new Uri(hub.BaseAddress, "benchmark/gc"));
                }
                catch
                {
                    await hub.DisposeAsync();
                    throw;
                }
            }

            case PeerKind.Raw:
            {
                var raw = await RawServer.StartAsync(options.ServerCpus, logDirectory);
                ConnectionSet set = null!;
                set = new ConnectionSet(kind, (_, ct) => RawConnection.ConnectAsync(raw.Uri, set.Slot, ct));
                var ignore = new RecorderSlot();
                for (var s = 0; s < senders; s++)
                {
                    set.AddSender(await RawConnection.ConnectAsync(raw.Uri, ignore, CancellationToken.None));
                }

                return new PeerSession(kind, raw, raw.Process, set, null, null, HttpRoute(raw.Uri, "/gc"));
            }

            default:
            {
                var io = await SocketIoServer.StartAsync(paths, options.ServerCpus, logDirectory);
                ConnectionSet set = null!;
                set = new ConnectionSet(kind, (_, ct) => SocketIoConnection.ConnectAsync(io.Uri, set.Slot, ct));
                var ignore = new RecorderSlot();
                for (var s = 0; s < senders; s++)
                {
                    set.AddSender(await SocketIoConnection.ConnectAsync(io.Uri, ignore, CancellationToken.None));
                }

                return new PeerSession(kind, io, io.Process, set, null, null, HttpRoute(io.Uri, "/gc"));
            }
        }
    }

    /// <summary>
    /// Resident memory with only live objects in it: the server runs a full, compacting collection that returns free
    /// memory to the OS (its <c>/gc</c> route), then two seconds pass for the pages to go.
    /// </summary>
    public async Task<long> ResidentAfterFullGcAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var answer = await http.PostAsync(FullGc, null);
        answer.EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return Process.ResidentBytes();
    }

    private static Uri HttpRoute(Uri webSocket, string path) => new UriBuilder(webSocket) { Scheme = "http", Path = path }.Uri;

    public async ValueTask DisposeAsync()
    {
        await Set.DisposeAsync();
        _senderHttp?.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>CPU use of a process between two points, from <c>/proc</c>.</summary>
public sealed class CpuMeter
{
    private readonly int? _pid;
    private readonly double _startCpu;
    private readonly long _startWall = BenchClock.NowMicros;

    public CpuMeter(int? pid)
    {
        _pid = pid;
        _startCpu = CpuSeconds(pid);
    }

    public double Percent()
    {
        var wall = (BenchClock.NowMicros - _startWall) / 1_000_000.0;
        return wall <= 0 ? 0 : 100 * (CpuSeconds(_pid) - _startCpu) / wall;
    }

    public static double CpuSeconds(int? pid)
    {
        if (pid is null)
        {
            return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(rest[11], CultureInfo.InvariantCulture) + double.Parse(rest[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

public sealed record AlertDto(Guid Id, long Sequence, string Title);

/// <summary>The scenarios of issue 11. Each writes its rows into <see cref="BenchResults"/>; none throws for a missed target.</summary>
public sealed class Scenarios(BenchOptions options, BenchPaths paths, BenchResults results, TextWriter log, string logDirectory)
{
    /// <summary>The hub's program: bench/run.sh's ReadyToRun publish, else the build of the configuration.</summary>
    private string HubDll => options.HubDll ?? paths.WebDll(options.Configuration);

    private void Say(string line) => log.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private IEnumerable<PeerKind> AvailablePeers()
    {
        foreach (var peer in options.Peers)
        {
            if (peer == PeerKind.SocketIo && paths.SocketIoMissing() is { } why)
            {
                results.Notes.Add("Socket.IO peer skipped: " + why);
                continue;
            }

            yield return peer;
        }
    }

    // ---------------------------------------------------------------- 1 and 3: broadcast and throughput

    public async Task BroadcastAndThroughputAsync()
    {
        var s1 = options.Scenarios.Contains(1);
        var s3 = options.Scenarios.Contains(3);
        if (!s1 && !s3)
        {
            return;
        }

        var counts = (s1 ? options.BroadcastCounts : []).Concat(s3 ? [options.ThroughputCount] : []).Distinct().Order().ToArray();
        foreach (var peer in AvailablePeers())
        {
            Say($"Scenario 1/3: {peer}, up to {counts[^1]:N0} connections");
            try
            {
                await using var session = await PeerSession.OpenAsync(peer, paths, options, logDirectory, counts[^1], options.Senders);
                foreach (var count in counts)
                {
                    await session.Set.GrowToAsync(count, TimeSpan.FromMinutes(6));
                    var reached = session.Set.Count;
                    Say($"  {peer}: {reached:N0} of {count:N0} connected ({session.Set.Open:N0} open){(session.Set.Errors.Count > 0 ? "; first error: " + session.Set.Errors[0] : "")}");
                    if (reached < count)
                    {
                        results.Notes.Add($"Scenario 1/3, {peer}: reached {reached:N0} of {count:N0} connections. First errors: {string.Join(" | ", session.Set.Errors)}");
                    }

                    if (s1 && options.BroadcastCounts.Contains(count))
                    {
                        await Broadcast.RunWindowAsync(session.Set, options.BroadcastRate, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
                        var windows = new List<WindowResult>();
                        var cpu = new CpuMeter(session.Process.Pid);
                        var clientCpu = new CpuMeter(null);
                        for (var r = 0; r < options.Repetitions; r++)
                        {
                            var w = await Broadcast.RunWindowAsync(session.Set, options.BroadcastRate, options.Window, TimeSpan.FromSeconds(10));
                            windows.Add(w);
                            Say($"    window {r + 1}: p50 {w.Latency.P50:F1} p95 {w.Latency.P95:F1} p99 {w.Latency.P99:F1} max {w.Latency.Max:F1} ms; {w.Received:N0}/{w.Expected:N0} delivered; {w.DeliveredPerSecond:N0}/s");
                        }

                        results.Broadcast.Add(new BroadcastRow(
                            peer, count, windows[0].Connections, windows.Count,
                            Stats.Median(windows.Select(w => w.Latency.P50)), Stats.Median(windows.Select(w => w.Latency.P95)),
                            Stats.Median(windows.Select(w => w.Latency.P99)), Stats.Median(windows.Select(w => w.Latency.Max)),
                            Stats.Median(windows.Select(w => w.DeliveredPerSecond)), windows.Sum(w => w.Expected), windows.Sum(w => w.Missing),
                            cpu.Percent(), session.Process.ResidentBytes(), clientCpu.Percent()));
                    }

                    if (s3 && count == options.ThroughputCount)
                    {
                        await ThroughputAsync(session);
                    }
                }
            }
            catch (Exception e)
            {
                results.Notes.Add($"Scenario 1/3, {peer}: stopped by {e.GetType().Name}: {e.Message}");
                Say("  failed: " + e);
            }
        }
    }

    private async Task ThroughputAsync(PeerSession session)
    {
        foreach (var rate in options.ThroughputRates)
        {
            var server = new CpuMeter(session.Process.Pid);
            var client = new CpuMeter(null);
            var w = await Broadcast.RunWindowAsync(session.Set, rate, options.ThroughputWindow, TimeSpan.FromSeconds(5));
            var ok = w.Latency.P99 <= 1000 && w.Missing <= w.Expected / 1000;
            results.Throughput.Add(new ThroughputRow(session.Kind, w.Connections, rate, w.Latency.P99, w.DeliveredPerSecond, w.Expected, w.Missing, server.Percent(), client.Percent(), ok));
            Say($"    {session.Kind} at {rate} msg/s: p99 {w.Latency.P99:F1} ms, {w.DeliveredPerSecond:N0} delivered/s, missing {w.Missing:N0}, server CPU {server.Percent():F0}%, client CPU {client.Percent():F0}%");
            if (!ok)
            {
                break;
            }

            // Let a backlog drain before the next step.
            await Task.Delay(2000);
        }
    }

    // ---------------------------------------------------------------- 4: density

    /// <summary>How long the hub runs before scenario 4's first measurement: its jobs' first passes come within a minute.</summary>
    public static readonly TimeSpan DensityHubSettle = TimeSpan.FromSeconds(75);

    public async Task DensityAsync()
    {
        if (!options.Scenarios.Contains(4))
        {
            return;
        }

        // Idle connections exchange nothing but pings: the protocol does not change their memory, one hub row is enough.
        foreach (var peer in AvailablePeers().Where(p => p != PeerKind.HubMessagePack))
        {
            Say($"Scenario 4: {peer}, {options.DensityCount:N0} idle connections");
            try
            {
                await using var session = await PeerSession.OpenAsync(peer, paths, options, logDirectory, options.DensityCount + 1, senders: 0);
                var started = BenchClock.NowMicros;
                await session.Set.GrowToAsync(1, TimeSpan.FromMinutes(1));
                await Task.Delay(TimeSpan.FromSeconds(8));
                if (peer == PeerKind.Hub)
                {
                    // The hub's background jobs make their first pass within a minute of start (Jobs.cs); let them, so
                    // the memory they leave is in both measurements and not counted as the connections'.
                    var upFor = TimeSpan.FromMicroseconds(BenchClock.NowMicros - started);
                    if (upFor < DensityHubSettle)
                    {
                        await Task.Delay(DensityHubSettle - upFor);
                    }
                }

                var before = session.Process.ResidentBytes();
                var beforeCollected = await session.ResidentAfterFullGcAsync();
                await session.Set.GrowToAsync(options.DensityCount + 1, TimeSpan.FromMinutes(8));
                await Task.Delay(TimeSpan.FromSeconds(10));
                var after = session.Process.ResidentBytes();
                var afterCollected = await session.ResidentAfterFullGcAsync();
                var reached = session.Set.Count - 1;
                if (int.TryParse(Environment.GetEnvironmentVariable("PPS_BENCH_DENSITY_HOLD"), out var hold) && hold > 0)
                {
                    // For profiling by hand (dotnet-gcdump collect -p PID): keep the connections open a while longer.
                    Say($"  holding {reached:N0} connections for {hold} s; server pid {session.Process.Pid}");
                    await Task.Delay(TimeSpan.FromSeconds(hold));
                }

                if (reached < options.DensityCount)
                {
                    results.Notes.Add($"Scenario 4, {peer}: reached {reached:N0} of {options.DensityCount:N0} connections. First errors: {string.Join(" | ", session.Set.Errors)}");
                }

                var row = new DensityRow(peer, options.DensityCount, reached, before, after, reached > 0 ? (after - before) / (double)reached : double.NaN)
                {
                    RssBeforeCollected = beforeCollected,
                    RssAfterCollected = afterCollected,
                };
                results.Density.Add(row);
                Say($"  {peer}: {reached:N0} connections, RSS {before / 1048576.0:F0} → {after / 1048576.0:F0} MiB, {row.BytesPerConnection / 1024:F1} KiB per connection; "
                    + $"after a full GC {beforeCollected / 1048576.0:F0} → {afterCollected / 1048576.0:F0} MiB, {row.CollectedBytesPerConnection / 1024:F1} KiB");
            }
            catch (Exception e)
            {
                results.Notes.Add($"Scenario 4, {peer}: stopped by {e.GetType().Name}: {e.Message}");
                Say("  failed: " + e);
            }
        }
    }

    // ---------------------------------------------------------------- 2: the full alert path

    public async Task AlertPathAsync()
    {
        if (!options.Scenarios.Contains(2))
        {
            return;
        }

        await using var hub = new HubServer(paths, HubDll, options.ServerCpus, logDirectory);
        try
        {
            await hub.StartAsync();
            var posterToken = await hub.LoginAsync("oov@zoetermeer.demo");
            foreach (var count in options.AlertCounts)
            {
                // As the browser does (every push reported back with AlertDelivered), and without that traffic, to show its cost.
                foreach (var report in new[] { true, false })
                {
                    Say($"Scenario 2: POST /api/alerts to {count:N0} targeted members, {(report ? "reporting" : "not reporting")} AlertDelivered");
                    results.Alerts.Add(await AlertPathAsync(hub, posterToken, count, options.AlertsPerCount, options.AlertInterval, Say, report));
                }
            }
        }
        catch (Exception e)
        {
            results.Notes.Add($"Scenario 2: stopped by {e.GetType().Name}: {e.Message}");
            Say("  failed: " + e);
        }
    }

    /// <summary>
    /// Seeds <paramref name="count"/> members on a new estate, connects them, and posts alerts to the estate through
    /// the real API as the OOV demo account. Each connection reports the push back with <c>AlertDelivered</c>, as the
    /// browser does. Latency: from just before the POST to the push at each member.
    /// </summary>
    public static async Task<AlertRow> AlertPathAsync(HubServer hub, string posterToken, int count, int alerts, TimeSpan interval, Action<string> say, bool reportDelivered = true)
    {
        var seeded = await hub.SeedMembersAsync(count);
        var run = Guid.NewGuid().ToString("N")[..6];
        var sentAt = new long[alerts];
        var recorders = Enumerable.Range(0, alerts).Select(k => new WindowRecorder(k, count + 16)).ToArray();
        var prefix = $"bench {run} #";
        var set = new ConnectionSet(PeerKind.Hub, async (i, ct) =>
        {
            var connection = HubLoadConnection.Build(hub.BaseAddress, seeded.Members[i].Token, negotiate: false);
            connection.On<AlertDto>("AlertPosted", a =>
            {
                if (a.Title.StartsWith(prefix, StringComparison.Ordinal)
                    && int.TryParse(a.Title.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < alerts)
                {
                    recorders[k].Record(k, Volatile.Read(ref sentAt[k]));
                }

                if (reportDelivered)
                {
                    _ = connection.SendAsync("AlertDelivered", a.Id);
                }
            });
            return await HubConnectionAdapter.StartAsync(connection, ct);
        });
        await using (set)
        {
            await set.GrowToAsync(count, TimeSpan.FromMinutes(6));
            var reached = set.Count;
            say($"  {reached:N0} of {count:N0} members connected");
            using var poster = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            poster.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", posterToken);
            var postTimes = new List<double>();
            var posted = 0;
            var body = "Benchmark alert. " + new string('x', 880);
            var start = BenchClock.NowMicros;
            for (var k = 0; k < alerts; k++)
            {
                var due = start + (long)(k * interval.TotalMicroseconds);
                var wait = due - BenchClock.NowMicros;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMicroseconds(wait));
                }

                Volatile.Write(ref sentAt[k], BenchClock.NowMicros);
                var sw = Stopwatch.StartNew();
                try
                {
                    using var response = await poster.PostAsJsonAsync("/api/alerts", new
                    {
                        title = prefix + k.ToString(CultureInfo.InvariantCulture),
                        body,
                        severity = "urgent",
                        estateIds = new[] { seeded.EstateId },
                        wholeTenant = false,
                        requiresAcknowledgement = false,
                    });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        posted++;
                    }
                    else
                    {
                        say($"  alert {k}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    say($"  alert {k}: {e.Message}");
                }

                postTimes.Add(sw.Elapsed.TotalMilliseconds);
            }

            var until = BenchClock.NowMicros + 30_000_000;
            while (recorders.Sum(r => (long)r.Received) < (long)posted * reached && BenchClock.NowMicros < until)
            {
                await Task.Delay(100);
            }

            var perAlert = recorders.Where(r => r.Received > 0).Select(r => LatencyStats.FromMicros(r.Snapshot())).ToArray();
            var received = recorders.Sum(r => (long)r.Received);
            var row = new AlertRow(count, reportDelivered, reached, alerts, posted,
                Stats.Median(perAlert.Select(s => s.P50)), Stats.Median(perAlert.Select(s => s.P95)), Stats.Median(perAlert.Select(s => s.P99)),
                Stats.Median(perAlert.Select(s => s.Max)), Stats.Median(postTimes), (long)posted * reached, Math.Max(0, ((long)posted * reached) - received));
            say($"  p50 {row.P50:F0} p95 {row.P95:F0} p99 {row.P99:F0} max {row.Max:F0} ms; POST p50 {row.PostP50:F0} ms; {received:N0}/{row.Expected:N0} delivered");
            return row;
        }
    }

    // ---------------------------------------------------------------- 5: reconnect storm

    public async Task StormAsync()
    {
        if (!options.Scenarios.Contains(5))
        {
            return;
        }

        Say($"Scenario 5: reconnect storm with {options.StormCount:N0} clients");
        await using var hub = new HubServer(paths, HubDll, options.ServerCpus, logDirectory);
        try
        {
            await hub.StartAsync();
            results.Storm = await StormAsync(hub, options.StormCount, Say);
        }
        catch (Exception e)
        {
            results.Notes.Add($"Scenario 5: stopped by {e.GetType().Name}: {e.Message}");
            Say("  failed: " + e);
        }
    }

    public static async Task<StormResult> StormAsync(HubServer hub, int count, Action<string> say)
    {
        var seeded = await hub.SeedMembersAsync(count);
        var posterToken = await hub.LoginAsync("oov@zoetermeer.demo");
        var clients = new ConcurrentBag<StormClient>();
        var set = new ConnectionSet(PeerKind.Hub, async (i, ct) =>
        {
            var client = new StormClient(hub.BaseAddress, seeded.Members[i].Token);
            await client.StartAsync(ct);
            clients.Add(client);
            return client;
        });
        await using (set)
        {
            await set.GrowToAsync(count, TimeSpan.FromMinutes(6), parallel: 32);
            say($"  {set.Count:N0} of {count:N0} connected");
            using var poster = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            poster.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", posterToken);
            var posted = new ConcurrentDictionary<Guid, long>();
            var refused = 0;
            using var stopPosting = new CancellationTokenSource();
            var posting = Task.Run(async () =>
            {
                for (var k = 0; !stopPosting.IsCancellationRequested && k < 1000; k++)
                {
                    try
                    {
                        using var response = await poster.PostAsJsonAsync("/api/alerts", new
                        {
                            title = $"storm #{k}",
                            body = "Reconnect storm alert.",
                            severity = "urgent",
                            estateIds = new[] { seeded.EstateId },
                            wholeTenant = false,
                            requiresAcknowledgement = false,
                        });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var a = await response.Content.ReadFromJsonAsync<JsonElement>();
                            posted[a.GetProperty("id").GetGuid()] = a.GetProperty("sequence").GetInt64();
                        }
                        else
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref refused);
                    }

                    try
                    {
                        await Task.Delay(2000, stopPosting.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });

            await Task.Delay(6000);
            var stoppedAt = BenchClock.NowMicros;
            foreach (var c in clients)
            {
                c.ArmForRestart();
            }

            say("  restarting the hub (SIGTERM, start)");
            var killed = await hub.StopAsync();
            var stopSeconds = (BenchClock.NowMicros - stoppedAt) / 1_000_000.0;
            await hub.StartAsync();
            var downSeconds = (BenchClock.NowMicros - stoppedAt) / 1_000_000.0;
            say($"  hub ready again after {downSeconds:F1} s (stopping {stopSeconds:F1} s{(killed ? ", killed after the grace period" : "")}, starting {downSeconds - stopSeconds:F1} s)");
            var deadline = BenchClock.NowMicros + 150_000_000;
            while (clients.Any(c => c.CaughtUpAtMicros < 0) && BenchClock.NowMicros < deadline)
            {
                await Task.Delay(250);
            }

            var caughtUp = clients.Where(c => c.CaughtUpAtMicros >= 0).Select(c => (c.CaughtUpAtMicros - stoppedAt) / 1_000_000.0).Order().ToArray();
            var all = caughtUp.Length == clients.Count ? caughtUp[^1] : double.NaN;
            say($"  {caughtUp.Length:N0} of {clients.Count:N0} caught up; all after {all:F1} s");
            await Task.Delay(6000);
            await stopPosting.CancelAsync();
            await posting;
            var postedIds = posted.Keys.ToArray();
            var settle = BenchClock.NowMicros + 20_000_000;
            while (clients.Any(c => !c.HasAll(postedIds)) && BenchClock.NowMicros < settle)
            {
                await Task.Delay(250);
            }

            var lost = clients.Sum(c => (long)c.MissingOf(postedIds));
            var missingSomewhere = postedIds.Count(id => clients.Any(c => !c.Has(id)));
            static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            double[] Since(Func<StormClient, long> at) => clients.Select(at).Where(t => t >= 0).Select(t => (t - stoppedAt) / 1_000_000.0).Order().ToArray();
            var lostAt = Since(c => c.LostAtMicros);
            var reconnectedAt = Since(c => c.ReconnectedAtMicros);
            var result = new StormResult(count, set.Count, downSeconds, all, caughtUp.Length, postedIds.Length, refused, lost, missingSomewhere,
                clients.Sum(c => (long)c.DuplicateDeliveries), clients.Sum(c => (long)c.DuplicatesShown), Percentile(caughtUp, 0.5), Percentile(caughtUp, 0.95), stopSeconds, killed,
                Percentile(lostAt, 0.5), Percentile(lostAt, 0.95), Percentile(reconnectedAt, 0.5), Percentile(reconnectedAt, 0.95), reconnectedAt.Length == 0 ? double.NaN : reconnectedAt[^1]);
            say($"  dropped p50 {result.LostP50:F1} s, back p50/p95/last {result.ReconnectedP50:F1}/{result.ReconnectedP95:F1}/{result.ReconnectedLast:F1} s, caught up p50/p95 {result.CaughtUpP50:F1}/{result.CaughtUpP95:F1} s");
            say($"  posted {result.AlertsPosted}, refused {result.PostsRefused}, lost {result.Lost}, duplicate deliveries {result.DuplicateDeliveries}, duplicates shown {result.DuplicatesShown}");
            return result;
        }
    }

    // ---------------------------------------------------------------- 6: pages

    public async Task PagesAsync()
    {
        if (!options.Scenarios.Contains(6))
        {
            return;
        }

        Say($"Scenario 6: {options.PageMembers:N0} members browsing for {options.PageDuration.TotalSeconds:F0} s");
        await using var hub = new HubServer(paths, HubDll, options.ServerCpus, logDirectory);
        try
        {
            await hub.StartAsync();
            results.Pages = await PagesAsync(hub, options.PageMembers, options.PageDuration, options.ThinkSeconds, Say);
        }
        catch (Exception e)
        {
            results.Notes.Add($"Scenario 6: stopped by {e.GetType().Name}: {e.Message}");
            Say("  failed: " + e);
        }
    }

    public static readonly string[] PagePaths = ["/Dashboard", "/Boards", "/Directory"];

    /// <summary>
    /// Simulated members on Lansinghage (signed in with the auth cookie, as a browser is) each view one of the pages,
    /// wait a think time, and view the next. An answer other than 200 (a redirect to the log-in included), a
    /// connection error or no answer within 10 s is an error.
    /// </summary>
    /// <summary>Views before the measured window (300 per page), to get past the JIT's first tier.</summary>
    public const int PageWarmUpViews = 900;

    public static async Task<PageResult> PagesAsync(HubServer hub, int members, TimeSpan duration, (double Min, double Max) think, Action<string> say)
    {
        var seeded = await hub.SeedMembersAsync(members, estateSlug: "lansinghage");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = hub.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        async Task<(bool Ok, double Ms, string? Error)> GetAsync(string path, string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", "pps.auth=" + cookie);
            var sw = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return (response.StatusCode == HttpStatusCode.OK, sw.Elapsed.TotalMilliseconds,
                    response.StatusCode == HttpStatusCode.OK ? null : $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (false, sw.Elapsed.TotalMilliseconds, $"{path}: {e.GetType().Name} {e.Message}");
            }
        }

        foreach (var path in PagePaths)
        {
            var warm = await GetAsync(path, seeded.Members[0].Cookie);
            if (!warm.Ok)
            {
                throw new InvalidOperationException("Warm-up failed: " + warm.Error);
            }
        }

        // Warm-up, not measured: a hub in service has served these pages many times. Without it the first tens of
        // seconds measure the JIT — a view right after start costs about twice the CPU of a warm one
        // (docs/benchmarks/pages-profile.md) — and the queue built then stays for the rest of the window.
        var warmUpMembers = seeded.Members.Take(50).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, PageWarmUpViews), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await GetAsync(PagePaths[i % PagePaths.Length], warmUpMembers[i % warmUpMembers.Length].Cookie));
        say($"  warmed up with {PageWarmUpViews:N0} views (not measured)");

        var samples = new ConcurrentBag<(string Path, bool Ok, double Ms)>();
        var errors = new ConcurrentQueue<string>();
        var start = BenchClock.NowMicros;
        var end = start + (long)duration.TotalMicroseconds;
        var users = seeded.Members.Select((m, i) => Task.Run(async () =>
        {
            var random = new Random(i);
            await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * think.Max));
            while (BenchClock.NowMicros < end)
            {
                var path = PagePaths[random.Next(PagePaths.Length)];
                var (ok, ms, error) = await GetAsync(path, m.Cookie);
                samples.Add((path, ok, ms));
                if (error is not null && errors.Count < 10)
                {
                    errors.Enqueue(error);
                }

                await Task.Delay(TimeSpan.FromSeconds(think.Min + (random.NextDouble() * (think.Max - think.Min))));
            }
        })).ToArray();
        await Task.WhenAll(users);
        var seconds = (BenchClock.NowMicros - start) / 1_000_000.0;
        PageRow Row(string name, IEnumerable<(string Path, bool Ok, double Ms)> rows)
        {
            var list = rows.ToList();
            var stats = LatencyStats.FromMicros(list.Select(r => (long)(r.Ms * 1000)).ToArray());
            return new PageRow(name, list.Count, list.Count(r => !r.Ok), stats.Mean, stats.P50, stats.P99);
        }

        var all = samples.ToArray();
        var result = new PageResult(members, seconds, [.. PagePaths.Select(p => Row(p, all.Where(s => s.Path == p))), Row("all pages", all)], all.Length / seconds, [.. errors]);
        var total = result.Rows[^1];
        say($"  {total.Requests:N0} requests, {total.Errors:N0} errors, average {total.Average:F0} ms, p99 {total.P99:F0} ms, {result.RequestsPerSecond:F1}/s");
        return result;
    }
}

/// <summary>Lets a started <see cref="HubConnection"/> sit in a <see cref="ConnectionSet"/>.</summary>
internal sealed class HubConnectionAdapter : ILoadConnection
{
    private readonly HubConnection _connection;

    private HubConnectionAdapter(HubConnection connection) => _connection = connection;

    public bool IsOpen => _connection.State == HubConnectionState.Connected;

    public static async Task<ILoadConnection> StartAsync(HubConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.StartAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new HubConnectionAdapter(connection);
    }

    public Task SendAsync(string payload, CancellationToken ct) => throw new NotSupportedException();

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _connection.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }

        await _connection.DisposeAsync();
    }
}

/// <summary>
/// A browser tab as <c>live.js</c> and <c>alerts.js</c> behave: automatic reconnect with the same back-off (1 s
/// doubling to 10 s, each delay a random part of that, never giving up), a fresh start up to 5 s after the connection
/// closed, <c>CatchUpAlerts</c> after every
/// (re)connect from a checkpoint that only catch-up answers move (a push may overtake an earlier alert's push; moved by
/// pushes, the checkpoint lost alerts in the storm), de-duplication by alert id, <c>AlertDelivered</c> for every push.
/// </summary>
internal sealed class StormClient : ILoadConnection
{
    private readonly HubConnection _connection;
    private readonly Dictionary<Guid, long> _seen = [];
    private readonly Dictionary<long, Guid> _bySequence = [];
    private readonly CancellationTokenSource _closed = new();
    private long _checkpoint;
    private int _armed;
    private long _caughtUpAt = -1;
    private long _lostAt = -1;
    private long _reconnectedAt = -1;

    public StormClient(Uri hub, string token)
    {
        _connection = HubLoadConnection.Build(hub, token, negotiate: true, new BrowserRetry());
        _connection.On<AlertDto>("AlertPosted", a =>
        {
            Accept(a);
            _ = _connection.SendAsync("AlertDelivered", a.Id);
        });
        _connection.Reconnecting += _ =>
        {
            MarkLost();
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            MarkReconnected();
            return CatchUpAsync();
        };
        _connection.Closed += _ =>
        {
            MarkLost();
            return RestartAsync();
        };
    }

    public long CaughtUpAtMicros => Interlocked.Read(ref _caughtUpAt);

    /// <summary>When the connection first dropped after the restart was armed (-1: never).</summary>
    public long LostAtMicros => Interlocked.Read(ref _lostAt);

    /// <summary>When the connection was first back after the restart, before its catch-up (-1: never).</summary>
    public long ReconnectedAtMicros => Interlocked.Read(ref _reconnectedAt);

    private void MarkLost()
    {
        if (Volatile.Read(ref _armed) == 1)
        {
            Interlocked.CompareExchange(ref _lostAt, BenchClock.NowMicros, -1);
        }
    }

    private void MarkReconnected()
    {
        if (Volatile.Read(ref _armed) == 1)
        {
            Interlocked.CompareExchange(ref _reconnectedAt, BenchClock.NowMicros, -1);
        }
    }

    public int DuplicateDeliveries { get; private set; }

    public int DuplicatesShown { get; private set; }

    public bool IsOpen => _connection.State == HubConnectionState.Connected;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await _connection.StartAsync(ct);
        }
        catch
        {
            await _connection.DisposeAsync();
            throw;
        }

        await CatchUpAsync();
    }

    public void ArmForRestart() => Volatile.Write(ref _armed, 1);

    public bool Has(Guid id)
    {
        lock (_seen)
        {
            return _seen.ContainsKey(id);
        }
    }

    public bool HasAll(Guid[] ids)
    {
        lock (_seen)
        {
            return ids.All(_seen.ContainsKey);
        }
    }

    public int MissingOf(Guid[] ids)
    {
        lock (_seen)
        {
            return ids.Count(id => !_seen.ContainsKey(id));
        }
    }

    private void Accept(AlertDto a)
    {
        lock (_seen)
        {
            if (_seen.ContainsKey(a.Id))
            {
                // The page ignores it (alerts.js keeps seen[id]); a push and a catch-up may well overlap.
                DuplicateDeliveries++;
                return;
            }

            _seen[a.Id] = a.Sequence;
            if (_bySequence.TryGetValue(a.Sequence, out var other) && other != a.Id)
            {
                // Two different alerts under one sequence: the page would show a duplicate or skip one.
                DuplicatesShown++;
            }

            _bySequence[a.Sequence] = a.Id;
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            for (var page = 0; page < 20; page++)
            {
                long after;
                lock (_seen)
                {
                    after = _checkpoint;
                }

                var missed = await _connection.InvokeAsync<List<AlertDto>>("CatchUpAlerts", after);
                foreach (var a in missed)
                {
                    Accept(a);
                }

                lock (_seen)
                {
                    _checkpoint = Math.Max(_checkpoint, missed.Count == 0 ? after : missed.Max(a => a.Sequence));
                }

                if (missed.Count < 500)
                {
                    break;
                }
            }

            if (Volatile.Read(ref _armed) == 1)
            {
                Interlocked.CompareExchange(ref _caughtUpAt, BenchClock.NowMicros, -1);
            }
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // The connection went again; the next (re)connect catches up.
        }
    }

    private async Task RestartAsync()
    {
        // live.js: onclose → start() again up to 5 s later (jittered), until it works.
        for (var attempt = 0; attempt < 60 && !_closed.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(Jittered(5000), _closed.Token);
                await _connection.StartAsync(_closed.Token);
                MarkReconnected();
                await CatchUpAsync();
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
            }
        }
    }

    public Task SendAsync(string payload, CancellationToken ct) => throw new NotSupportedException();

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _connection.StopAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }

        await _connection.DisposeAsync();
        _closed.Dispose();
    }

    /// <summary>live.js's <c>jittered</c>: 250 ms plus a random part of the rest of the back-off ("full jitter").</summary>
    private static TimeSpan Jittered(double ceilingMs) => TimeSpan.FromMilliseconds(250 + Random.Shared.NextDouble() * Math.Max(0, ceilingMs - 250));

    private sealed class BrowserRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext)
            => retryContext.ElapsedTime > TimeSpan.FromMinutes(3)
                ? null
                : Jittered(Math.Min(10_000, 1000 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 4))));
    }
}
