using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Pps.Benchmarks;

/// <summary>Writes <c>RESULTS.md</c> and the SVG plots from a run's <see cref="BenchResults"/>.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Name(PeerKind p) => p switch
    {
        PeerKind.Hub => "PPS Hub (SignalR, JSON)",
        PeerKind.HubMessagePack => "PPS Hub (SignalR, MessagePack)",
        PeerKind.Raw => "raw WebSocket (Kestrel)",
        _ => "Socket.IO 4 (Node)",
    };

    private static string Ms(double v) => double.IsNaN(v) ? "–" : v.ToString(v < 10 ? "F1" : "F0", Inv);

    private static string N(double v) => double.IsNaN(v) ? "–" : v.ToString("N0", Inv);

    private static string Verdict(bool? met) => met switch { true => "**met**", false => "**missed**", null => "not measured" };

    public static string MachineFacts(BenchPaths paths)
    {
        string Run(string file, string args)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
                var text = p!.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit(10_000);
                return text;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "not installed";
            }
        }

        string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "?";
        var cpuinfo = Read("/proc/cpuinfo").Split('\n');
        var cores = cpuinfo.Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKb = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim().Split(' ')[0];
        var mem = long.TryParse(memKb, NumberStyles.Integer, Inv, out var kb) ? $"{kb / 1048576.0:F1} GiB" : "?";
        var os = Read("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?";
        var socketIo = Path.Combine(paths.SocketIoDirectory, "node_modules", "socket.io", "package.json");
        var socketIoVersion = File.Exists(socketIo)
            ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(socketIo)).RootElement.GetProperty("version").GetString()
            : "not installed";
        return $"""
            | | |
            |---|---|
            | CPU | {cores} cores ({model}) |
            | memory | {mem} |
            | OS | {os}, kernel {Read("/proc/sys/kernel/osrelease")} |
            | .NET | SDK {Run("dotnet", "--version")}, runtime {RuntimeInformation.FrameworkDescription} |
            | Node | {Run("node", "--version")}, socket.io {socketIoVersion} |
            | SignalR client | Microsoft.AspNetCore.SignalR.Client {typeof(Microsoft.AspNetCore.SignalR.Client.HubConnection).Assembly.GetName().Version} |
            """;
    }

    public static async Task WriteAsync(BenchOptions o, BenchPaths paths, BenchResults r, string file)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(dir);
        var prefix = o.Quick ? "quick-" : "";
        var md = new StringBuilder();
        void L(string line = "") => md.Append(line).Append('\n');

        L($"# PPS Hub live channel and pages under load{(o.Quick ? " (quick run)" : "")}");
        L();
        L($"Measured {r.Started:yyyy-MM-dd HH:mm} – {r.Finished:HH:mm} UTC on this machine by the harness in `tests/Pps.Benchmarks` (issue 11), with");
        L();
        L("```");
        L(o.Command);
        L("```");
        L();
        L(MachineFacts(paths));
        L();
        L($"Load average before the run: `{r.LoadBefore}`; after: `{r.LoadAfter}`. (1-, 5- and 15-minute averages; the build and publish `bench/run.sh` does just before the run are in the first figures). Compare peers within one run: they ran minutes apart under the same conditions, while absolute numbers move with whatever else the machine does (the server and client CPU columns show each side's share).");
        L();
        L($"Servers are pinned to CPU {o.ServerCpus ?? "(not pinned)"} and the load clients (this harness) to the other core with `taskset`, so a server has one core, as has the client that must receive every message. Loopback only; connections spread over {Loopback.SourceAddresses} source addresses (127.0.0.2–127.0.0.9).");
        L();
        L("## Summary against the targets");
        L();
        L("| scenario | target | measured | verdict |");
        L("|---|---|---|---|");
        var maxCount = r.Broadcast.Count == 0 ? 0 : r.Broadcast.Max(b => b.Target);
        foreach (var count in r.Broadcast.Select(b => b.Target).Distinct().Order())
        {
            var raw = r.Broadcast.FirstOrDefault(b => b.Peer == PeerKind.Raw && b.Target == count);
            var io = r.Broadcast.FirstOrDefault(b => b.Peer == PeerKind.SocketIo && b.Target == count);
            // The JSON row is what a browser gets; the MessagePack row (when it ran) what a client that asks for it gets.
            foreach (var kind in new[] { PeerKind.Hub, PeerKind.HubMessagePack })
            {
                var hub = r.Broadcast.FirstOrDefault(b => b.Peer == kind && b.Target == count);
                if (hub is null && kind == PeerKind.HubMessagePack)
                {
                    continue;
                }

                var who = kind == PeerKind.Hub ? "hub" : "hub (MessagePack)";
                L($"| 1, {count:N0} connections | {who} p99 ≤ 1.5× raw | {Ms(hub?.P99 ?? double.NaN)} ms vs 1.5 × {Ms(raw?.P99 ?? double.NaN)} ms | {Verdict(hub is null || raw is null ? null : hub.P99 <= 1.5 * raw.P99)} |");
                L($"| 1, {count:N0} connections | {who} p99 ≤ 1.0× Socket.IO | {Ms(hub?.P99 ?? double.NaN)} ms vs {Ms(io?.P99 ?? double.NaN)} ms | {Verdict(hub is null || io is null ? null : hub.P99 <= io.P99)} |");
                if (count == maxCount)
                {
                    L($"| 1, {count:N0} connections | {who} p99 ≤ 500 ms | {Ms(hub?.P99 ?? double.NaN)} ms | {Verdict(hub is null ? null : hub.P99 <= 500)} |");
                }
            }
        }

        var best = BestThroughput(r);
        best.TryGetValue(PeerKind.Hub, out var hubBest);
        best.TryGetValue(PeerKind.SocketIo, out var ioBest);
        // A peer that ran the ramp but stayed above p99 1 s even at the lowest rate has a best throughput of 0.
        var hubRan = r.Throughput.Any(t => t.Peer == PeerKind.Hub);
        var ioRan = r.Throughput.Any(t => t.Peer == PeerKind.SocketIo);
        var hubValue = hubRan ? hubBest?.DeliveredPerSecond ?? 0 : double.NaN;
        var ioValue = ioRan ? ioBest?.DeliveredPerSecond ?? 0 : double.NaN;
        bool? throughputMet = !hubRan || !ioRan ? null : hubValue == 0 && ioValue == 0 ? null : hubValue >= ioValue;
        L($"| 3, {o.ThroughputCount:N0} connections | hub throughput ≥ 1.0× Socket.IO (p99 < 1 s) | {N(hubValue)} vs {N(ioValue)} deliveries/s{(hubRan && ioRan && hubValue == 0 && ioValue == 0 ? " (neither stayed under 1 s even at the lowest rate)" : "")} | {Verdict(throughputMet)} |");
        var dHub = r.Density.FirstOrDefault(d => d.Peer == PeerKind.Hub);
        var dIo = r.Density.FirstOrDefault(d => d.Peer == PeerKind.SocketIo);
        L($"| 4, {o.DensityCount:N0} idle connections | hub memory per connection ≤ 1.0× Socket.IO (RSS as running) | {Kib(dHub?.BytesPerConnection)} vs {Kib(dIo?.BytesPerConnection)} KiB | {Verdict(dHub is null || dIo is null ? null : dHub.BytesPerConnection <= dIo.BytesPerConnection)} |");
        if (dHub is not null && dIo is not null && !double.IsNaN(dHub.CollectedBytesPerConnection) && !double.IsNaN(dIo.CollectedBytesPerConnection))
        {
            L($"| 4, {o.DensityCount:N0} idle connections | hub memory per connection ≤ 1.0× Socket.IO (RSS after a full GC in each server) | {Kib(dHub.CollectedBytesPerConnection)} vs {Kib(dIo.CollectedBytesPerConnection)} KiB | {Verdict(dHub.CollectedBytesPerConnection <= dIo.CollectedBytesPerConnection)} |");
        }
        if (r.Storm is { } st)
        {
            L($"| 5, {st.Target:N0} clients | all caught up ≤ 35 s, 0 lost, 0 duplicates shown | {(double.IsNaN(st.SecondsUntilAllCaughtUp) ? $"{st.ClientsCaughtUp:N0} of {st.Reached:N0} caught up" : $"{st.SecondsUntilAllCaughtUp:F1} s")}, {st.Lost} lost, {st.DuplicatesShown} shown twice | {Verdict(!double.IsNaN(st.SecondsUntilAllCaughtUp) && st.SecondsUntilAllCaughtUp <= 35 && st.Lost == 0 && st.DuplicatesShown == 0)} |");
        }
        else
        {
            L("| 5 | all caught up ≤ 35 s, 0 lost, 0 duplicates | – | not measured |");
        }

        if (r.Pages is { } pg)
        {
            var t = pg.Rows[^1];
            var rate = t.Requests == 0 ? double.NaN : 100.0 * t.Errors / t.Requests;
            L($"| 6, {pg.Members:N0} members | errors < 0.025 %, p99 < 2 s | {rate.ToString("F3", Inv)} % errors, p99 {Ms(t.P99)} ms | {Verdict(t.Requests > 0 && rate < 0.025 && t.P99 < 2000)} |");
        }
        else
        {
            L("| 6 | errors < 0.025 %, p99 < 2 s | – | not measured |");
        }

        L();
        L("Scenario 2 (the full alert path) has no target in the issue; its numbers are below.");
        L();
        if (r.Notes.Count > 0)
        {
            L("**What did not go as planned in this run:**");
            L();
            foreach (var n in r.Notes)
            {
                L("- " + n);
            }

            L();
        }

        L("## 1. Hub broadcast against the peers");
        L();
        L($"Every receiving connection gets every message: {o.Senders} senders send {o.BroadcastRate.ToString(Inv)} messages per second between them, one 1 KB JSON message each (`{{\"w\":…,\"s\":…,\"n\":…,\"t\":sent,\"p\":\"xxx…\"}}`), on a fixed schedule. Latency is from just before the sender sends to the receipt at each connection, on one monotonic clock (senders and receivers share the harness process). {o.Repetitions} measurement windows of {o.Window.TotalSeconds:F0} s on the same connections after a 3 s warm-up; the table shows the **median over the windows** of each window's percentile.");
        L();
        L("- **Hub**: authenticated connections to `/hubs/live` (WebSocket transport, negotiation skipped) speaking SignalR's JSON protocol, as the browser does, over the same `ClientWebSocket` and frame scan as the peers' clients (handshake, records ended by 0x1E, pings every 15 s; `HubJsonConnection`), so the client core does the same work per message for every peer; the members are entrepreneurs on one estate, so the hub's `OnConnectedAsync` puts them in that estate's group. A sender POSTs the message to `/benchmark/broadcast/{estateId}` (a helper that exists only in the `Benchmark` environment), which sends it to the estate group through `IHubContext<LiveHub, ILiveClient>` as the alert handlers do.");
        L("- **Hub, MessagePack**: the same hub, helper and group, the clients being the official .NET SignalR client asking for the MessagePack protocol (`AddMessagePackProtocol()`; the hub offers both, browsers keep JSON), as a .NET app would connect. The message carries the same fields, MessagePack-encoded; the official client deserialises every message into objects, so this row's client core works harder than the others'.");
        L("- **Raw WebSocket**: a Kestrel server (`serve-raw` mode of the harness) that forwards each text message to every connection through a per-connection queue. Client: `ClientWebSocket`.");
        L("- **Socket.IO 4**: `bench/socketio/server.js` (`io.emit` of every `m` event, WebSocket transport only, no compression). Client: the Engine.IO 4 / Socket.IO 4 protocol spoken over the same `ClientWebSocket` (open `0`, join `40`, events `42[…]`, ping `2` answered `3`), so all peers share one client technology and one clock, and no Node client competes with the server for a core.");
        L();
        L("| peer | connections | p50 ms | p95 ms | p99 ms | max ms | delivered msg/s | missing | server CPU | client CPU | server RSS |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var b in r.Broadcast.OrderBy(b => b.Target).ThenBy(b => b.Peer))
        {
            L($"| {Name(b.Peer)} | {b.Reached:N0} | {Ms(b.P50)} | {Ms(b.P95)} | {Ms(b.P99)} | {Ms(b.Max)} | {N(b.DeliveredPerSecond)} | {b.Missing:N0} of {b.Expected:N0} | {b.ServerCpuPercent:F0} % | {(double.IsNaN(b.ClientCpuPercent) ? "–" : b.ClientCpuPercent.ToString("F0", Inv) + " %")} | {b.ServerRss / 1048576.0:F0} MiB |");
        }

        L();
        foreach (var peer in r.Broadcast.Select(b => b.Peer).Distinct())
        {
            var rows = r.Broadcast.Where(b => b.Peer == peer).OrderBy(b => b.Reached).ToArray();
            var svg = $"{prefix}broadcast-{peer.ToString().ToLowerInvariant()}.svg";
            await File.WriteAllTextAsync(Path.Combine(dir, svg), Svg.Chart(
                $"Scenario 1 — {Name(peer)}", "connections", "latency (ms)",
                [("p50", rows.Select(x => ((double)x.Reached, x.P50)).ToArray()), ("p95", rows.Select(x => ((double)x.Reached, x.P95)).ToArray()), ("p99", rows.Select(x => ((double)x.Reached, x.P99)).ToArray())]));
            L($"![Scenario 1, {Name(peer)}: p50/p95/p99 against connections]({svg})");
        }

        if (r.Broadcast.Count > 0)
        {
            var svg = $"{prefix}broadcast-p99.svg";
            await File.WriteAllTextAsync(Path.Combine(dir, svg), Svg.Chart(
                "Scenario 1 — p99 of each peer", "connections", "p99 latency (ms)",
                [.. r.Broadcast.Select(b => b.Peer).Distinct().Select(p => (Name(p), r.Broadcast.Where(b => b.Peer == p).OrderBy(b => b.Reached).Select(b => ((double)b.Reached, b.P99)).ToArray()))]));
            L($"![Scenario 1: p99 of each peer against connections]({svg})");
        }

        L();
        L("## 2. The full alert path");
        L();
        L($"`POST /api/alerts` as `oov@zoetermeer.demo` (a real log-in), urgent, targeted at one estate whose N members are all connected; stored with its per-tenant sequence and receipts in SQLite, then pushed per member after commit. Each client reports `AlertDelivered` for every push, as `alerts.js` does, so the hub also writes N delivery receipts per alert (in batches, and the poster and the staff get a fresh receipt summary at most twice a second per alert); each count is run a second time on a new estate with clients that do not report, to show what that traffic costs. {o.AlertsPerCount} alerts, {o.AlertInterval.TotalSeconds:F0} s apart; latency from just before the POST to the push at each member; **medians over the alerts** of each alert's percentile.");
        L();
        L("| targeted members | clients report AlertDelivered | connected | alerts posted | p50 ms | p95 ms | p99 ms | max ms | POST answered (p50 ms) | missing |");
        L("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in r.Alerts)
        {
            L($"| {a.Target:N0} | {(a.ReportsDelivery ? "yes (as the browser)" : "no")} | {a.Reached:N0} | {a.Posted} of {a.Alerts} | {Ms(a.P50)} | {Ms(a.P95)} | {Ms(a.P99)} | {Ms(a.Max)} | {Ms(a.PostP50)} | {a.Missing:N0} of {a.Expected:N0} |");
        }

        if (r.Alerts.Count > 0)
        {
            var svg = $"{prefix}alert-path.svg";
            await File.WriteAllTextAsync(Path.Combine(dir, svg), Svg.Chart(
                "Scenario 2 — POST /api/alerts to push", "targeted members", "latency (ms)",
                [.. new[] { true, false }.SelectMany(d => new (string, Func<AlertRow, double>)[] { ("p50", a => a.P50), ("p95", a => a.P95), ("p99", a => a.P99) }
                    .Select(m => ($"{m.Item1}{(d ? "" : ", no AlertDelivered")}", r.Alerts.Where(a => a.ReportsDelivery == d).Select(a => ((double)a.Reached, m.Item2(a))).ToArray())))
                    .Where(x => x.Item2.Length > 0)]));
            L();
            L($"![Scenario 2: p50/p95/p99 against targeted members]({svg})");
        }

        L();
        L("## 3. Throughput");
        L();
        L($"On the {o.ThroughputCount:N0} connections of scenario 1, the send rate doubles per step ({o.ThroughputWindow.TotalSeconds:F0} s each, one window per step) until p99 exceeds 1 s or more than 0.1 % of deliveries are missing. The result is the highest delivered messages per second of a step within the target. Client CPU near 100 % means the single client core, not the server, was the limit of that step.");
        L();
        L("| peer | connections | sent msg/s | delivered msg/s | p99 ms | missing | server CPU | client CPU | within p99 < 1 s |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var t in r.Throughput)
        {
            L($"| {Name(t.Peer)} | {t.Connections:N0} | {t.Rate.ToString(Inv)} | {N(t.DeliveredPerSecond)} | {Ms(t.P99)} | {t.Missing:N0} of {t.Expected:N0} | {t.ServerCpuPercent:F0} % | {t.ClientCpuPercent:F0} % | {(t.WithinTarget ? "yes" : "no")} |");
        }

        L();
        L("Best within the target: " + (best.Count == 0 ? "–" : string.Join("; ", best.Select(b => $"{Name(b.Key)} {(b.Value is null ? "none (p99 above 1 s at the lowest rate)" : N(b.Value.DeliveredPerSecond) + " deliveries/s")}"))) + ".");
        L();
        L("## 4. Density");
        L();
        L($"A fresh server per peer; resident memory (VmRSS) after one connection and a settling pause, then after {o.DensityCount:N0} more idle connections (hub: authenticated members, each in its tenant, member, estate and role groups) and 10 s. Per connection = the difference divided by the connections. The .NET servers run Server GC; RSS **as running** includes whatever garbage the collector has not yet collected or returned to the OS, so it moves with the collector's state at each reading. Each reading is therefore also taken **after a full GC**: the server's own `POST /gc` runs a full, compacting, blocking collection that returns free memory to the OS (.NET: `GC.Collect(2, GCCollectionMode.Aggressive, true, true)` twice around the finalizers, in the hub only in the Benchmark environment; Node: `global.gc()` twice, started with `--expose-gc`), then 2 s pass — live objects only, the same treatment for every server. The hub's first measurement waits until it has run {Scenarios.DensityHubSettle.TotalSeconds:F0} s, so the first passes of its background jobs (within a minute of start) are in both measurements.");
        L();
        L("| peer | connections | RSS before | RSS after | per connection (as running) | RSS before, after a full GC | RSS after, after a full GC | per connection (after a full GC) |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var d in r.Density)
        {
            var collected = d.RssBeforeCollected > 0;
            L($"| {Name(d.Peer)} | {d.Reached:N0} | {d.RssBefore / 1048576.0:F0} MiB | {d.RssAfter / 1048576.0:F0} MiB | {Kib(d.BytesPerConnection)} KiB | {(collected ? $"{d.RssBeforeCollected / 1048576.0:F0} MiB" : "–")} | {(collected ? $"{d.RssAfterCollected / 1048576.0:F0} MiB" : "–")} | {(collected ? Kib(d.CollectedBytesPerConnection) + " KiB" : "–")} |");
        }

        L();
        L("## 5. Reconnect storm");
        L();
        if (r.Storm is { } s)
        {
            L($"{s.Reached:N0} of {s.Target:N0} clients connected (negotiating first, as the browser does) and behaving like `live.js`/`alerts.js`: automatic reconnect with its jittered back-off, a fresh start up to 5 s after a close, `CatchUpAlerts` after every (re)connect from the checkpoint its last catch-up returned (pushes do not move it), de-duplication by alert id, `AlertDelivered` per push. An alert is posted to their estate every 2 s throughout. The hub is stopped gracefully (SIGTERM, as a deployment does) and started again on the same port and database.");
            L();
            L("| | |");
            L("|---|---|");
            L($"| hub down (stop signal → ready again) | {s.SecondsDown:F1} s{(double.IsNaN(s.SecondsStopping) ? "" : $" (stopping {s.SecondsStopping:F1} s{(s.KilledAfterGrace ? ", killed after 20 s" : "")}, starting {s.SecondsDown - s.SecondsStopping:F1} s)")} |");
            L($"| every client reconnected and caught up (from the stop signal) | {(double.IsNaN(s.SecondsUntilAllCaughtUp) ? $"not all: {s.ClientsCaughtUp:N0} of {s.Reached:N0}" : $"{s.SecondsUntilAllCaughtUp:F1} s")} |");
            L($"| connections dropped (from the stop signal), p50 / p95 | {s.LostP50:F1} s / {s.LostP95:F1} s |");
            L($"| connections back, before their catch-up, p50 / p95 / last | {s.ReconnectedP50:F1} s / {s.ReconnectedP95:F1} s / {s.ReconnectedLast:F1} s |");
            L($"| clients caught up, p50 / p95 | {s.CaughtUpP50:F1} s / {s.CaughtUpP95:F1} s |");
            L($"| alerts posted (201) / posts refused while down | {s.AlertsPosted} / {s.PostsRefused} |");
            L($"| alerts lost (member × alert pairs never received) | {s.Lost:N0} (alerts missing at one or more clients: {s.AlertsMissingSomewhere}) |");
            L($"| duplicates shown (two alerts under one sequence) | {s.DuplicatesShown:N0} |");
            L($"| duplicate deliveries hidden by the page's de-duplication (push and catch-up overlapping) | {s.DuplicateDeliveries:N0} |");
        }
        else
        {
            L("Not measured in this run.");
        }

        L();
        L("## 6. Pages");
        L();
        if (r.Pages is { } p)
        {
            L($"{p.Members:N0} members of Lansinghage (vetted entrepreneurs, signed in with the auth cookie) each view `/Dashboard`, `/Boards` or `/Directory` (chosen at random), think {o.ThinkSeconds.Min.ToString(Inv)}–{o.ThinkSeconds.Max.ToString(Inv)} s, and view the next, for {p.Seconds:F0} s, with a .NET `HttpClient` load loop (`wrk` is not installed here and cannot carry a cookie per member). An answer other than 200 (a redirect to the log-in counts), a connection error or no answer within 10 s is an error. Before the measured window the hub serves {Scenarios.PageWarmUpViews:N0} views (8 at a time, not measured), as a hub in service would have: right after start, tier-0 JIT code costs about twice the CPU of warm code (`docs/benchmarks/pages-profile.md`).");
            L();
            L("| page | requests | errors | error rate | average ms | p50 ms | p99 ms |");
            L("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var row in p.Rows)
            {
                L($"| {row.Page} | {row.Requests:N0} | {row.Errors:N0} | {(row.Requests == 0 ? "–" : (100.0 * row.Errors / row.Requests).ToString("F3", Inv))} % | {Ms(row.Average)} | {Ms(row.P50)} | {Ms(row.P99)} |");
            }

            L();
            L($"{p.RequestsPerSecond:F1} requests per second overall.{(p.ErrorSamples.Count > 0 ? " First errors: " + string.Join("; ", p.ErrorSamples.Take(5)) : "")}");
        }
        else
        {
            L("Not measured in this run.");
        }

        L();
        L("## Method notes");
        L();
        L("- Members for the hub are inserted by `POST /benchmark/members`, which exists only when the hub runs in the `Benchmark` environment (`src/Pps.Web/Features/Benchmarks`); their bearer tokens and cookies are made by the app's own claims factory and ticket protectors, because 10,000 password log-ins would measure password hashing. The poster of alerts logs in for real.");
        L("- Repetitions: scenario 1 runs its windows on the same connection set (connecting thousands of clients again per repetition would dominate the run); scenario 2 treats each alert as one repetition; scenarios 3–6 run once per run.");
        L("- The hub runs as in production apart from the environment name: SQLite, demo data, background jobs on, logging at Warning.");
        L(o.HubDll is null
            ? $"- The hub ran from its `{o.Configuration}` build (JIT only)."
            : "- The hub ran from `dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true` (`bench/run.sh`), as its container image is built: precompiled code, so a restarted hub does not JIT every path while thousands of clients reconnect.");
        L("- The smoke variant (`tests/Pps.Tests/Benchmarks/BenchmarkSmokeTests.cs`) runs the same harness code with 50 connections in the test suite and asserts every message arrives; it asserts no timings.");
        await File.WriteAllTextAsync(file, md.ToString());
    }

    private static string Kib(double? bytes) => bytes is { } b && !double.IsNaN(b) ? (b / 1024).ToString("F1", Inv) : "–";

    public static Dictionary<PeerKind, ThroughputRow?> BestThroughput(BenchResults r)
        => r.Throughput.Select(t => t.Peer).Distinct().ToDictionary(p => p, p => r.Throughput.Where(t => t.Peer == p && t.WithinTarget).MaxBy(t => t.DeliveredPerSecond));
}

/// <summary>A small line chart as SVG: one polyline per series, linear axes from zero, a legend.</summary>
public static class Svg
{
    private static readonly string[] Colours = ["#1f6feb", "#d29922", "#cf222e", "#2da44e", "#8250df", "#57606a"];

    public static string Chart(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, (double X, double Y)[] Points)> series)
    {
        const double W = 640, H = 400, Left = 70, Right = 190, Top = 40, Bottom = 50;
        var inv = CultureInfo.InvariantCulture;
        var points = series.SelectMany(s => s.Points).Where(p => !double.IsNaN(p.Y)).ToArray();
        var maxX = points.Length == 0 ? 1 : Nice(points.Max(p => p.X));
        var maxY = points.Length == 0 ? 1 : Nice(points.Max(p => p.Y));
        double X(double x) => Left + ((W - Left - Right) * x / maxX);
        double Y(double y) => H - Bottom - ((H - Top - Bottom) * y / maxY);
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"{Escape(title)}\">\n");
        sb.Append(inv, $"<title>{Escape(title)}</title>\n<rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>\n");
        sb.Append(inv, $"<text x=\"{W / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>\n");
        for (var i = 0; i <= 5; i++)
        {
            var yv = maxY * i / 5;
            var xv = maxX * i / 5;
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Y(yv):F1}\" x2=\"{W - Right}\" y2=\"{Y(yv):F1}\" stroke=\"#d0d7de\"/>\n");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(yv) + 4:F1}\" text-anchor=\"end\">{yv.ToString(yv >= 1000 ? "N0" : "G4", inv)}</text>\n");
            sb.Append(inv, $"<text x=\"{X(xv):F1}\" y=\"{H - Bottom + 18}\" text-anchor=\"middle\">{xv.ToString("N0", inv)}</text>\n");
        }

        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{H - Bottom}\" x2=\"{W - Right}\" y2=\"{H - Bottom}\" stroke=\"#24292f\"/>\n");
        sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{H - Bottom}\" stroke=\"#24292f\"/>\n");
        sb.Append(inv, $"<text x=\"{(Left + W - Right) / 2}\" y=\"{H - 12}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n");
        sb.Append(inv, $"<text x=\"16\" y=\"{(Top + H - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(Top + H - Bottom) / 2})\">{Escape(yLabel)}</text>\n");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var pts = series[s].Points.Where(p => !double.IsNaN(p.Y)).OrderBy(p => p.X).ToArray();
            if (pts.Length > 0)
            {
                sb.Append(inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', pts.Select(p => $"{X(p.X).ToString("F1", inv)},{Y(p.Y).ToString("F1", inv)}"))}\"/>\n");
                foreach (var p in pts)
                {
                    sb.Append(inv, $"<circle cx=\"{X(p.X):F1}\" cy=\"{Y(p.Y):F1}\" r=\"3\" fill=\"{colour}\"><title>{Escape(series[s].Name)}: {p.Y.ToString("F1", inv)} at {p.X.ToString("N0", inv)}</title></circle>\n");
                }
            }

            var ly = Top + 10 + (s * 20);
            sb.Append(inv, $"<line x1=\"{W - Right + 12}\" y1=\"{ly}\" x2=\"{W - Right + 32}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
            sb.Append(inv, $"<text x=\"{W - Right + 38}\" y=\"{ly + 4}\">{Escape(series[s].Name)}</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
