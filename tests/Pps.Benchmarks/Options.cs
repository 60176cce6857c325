using System.Globalization;

namespace Pps.Benchmarks;

/// <summary>What one run measures. <see cref="Full"/> uses the numbers; <see cref="QuickRun"/> the same shape, smaller.</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }

    public string OutDirectory { get; init; } = "docs/benchmarks";

    /// <summary>The core(s) the servers are pinned to (<c>taskset -c</c>); null: not pinned.</summary>
    public string? ServerCpus { get; init; } = "0";

    public string Configuration { get; init; } = "Release";

    /// <summary>The hub to run (bench/run.sh passes its ReadyToRun publish, as the container is built); null: the build of <see cref="Configuration"/>.</summary>
    public string? HubDll { get; init; }

    public string Command { get; init; } = "bash bench/run.sh";

    public IReadOnlySet<int> Scenarios { get; init; } = new HashSet<int> { 1, 2, 3, 4, 5, 6 };

    public IReadOnlyList<PeerKind> Peers { get; init; } = [PeerKind.Hub, PeerKind.HubMessagePack, PeerKind.Raw, PeerKind.SocketIo];

    public int[] BroadcastCounts { get; init; } = [1000, 5000];

    public int Senders { get; init; } = 4;

    public double BroadcastRate { get; init; } = 4;

    public int Repetitions { get; init; } = 3;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    public int[] AlertCounts { get; init; } = [1000, 5000];

    public int AlertsPerCount { get; init; } = 5;

    public TimeSpan AlertInterval { get; init; } = TimeSpan.FromSeconds(4);

    public int ThroughputCount { get; init; } = 5000;

    public double[] ThroughputRates { get; init; } = [4, 8, 16, 32, 64, 128, 256];

    public TimeSpan ThroughputWindow { get; init; } = TimeSpan.FromSeconds(6);

    public int DensityCount { get; init; } = 10_000;

    public int StormCount { get; init; } = 5000;

    public int PageMembers { get; init; } = 1000;

    public TimeSpan PageDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Think time between a simulated member's page views (uniform between the two).</summary>
    public (double Min, double Max) ThinkSeconds { get; init; } = (5, 15);

    /// <summary>Notes added by hand when a report is rewritten from results.json (<c>--note TEXT</c>).</summary>
    public IReadOnlyList<string> ExtraNotes { get; init; } = [];

    public static BenchOptions Full => new();

    public static BenchOptions QuickRun => new()
    {
        Quick = true,
        BroadcastCounts = [200, 1000],
        Repetitions = 2,
        Window = TimeSpan.FromSeconds(6),
        AlertCounts = [200, 1000],
        AlertsPerCount = 3,
        AlertInterval = TimeSpan.FromSeconds(3),
        ThroughputCount = 1000,
        ThroughputRates = [4, 16, 64, 256],
        ThroughputWindow = TimeSpan.FromSeconds(4),
        DensityCount = 2000,
        StormCount = 500,
        PageMembers = 100,
        PageDuration = TimeSpan.FromSeconds(20),
        ThinkSeconds = (2, 6),
    };

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--quick") ? QuickRun : Full;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options,
                "--out" => options with { OutDirectory = Next() },
                "--server-cpus" => options with { ServerCpus = Next() is "none" ? null : args[i] },
                "--configuration" => options with { Configuration = Next() },
                "--hub-dll" => options with { HubDll = Next() },
                "--command" => options with { Command = Next() },
                "--scenarios" => options with { Scenarios = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet() },
                "--peers" => options with { Peers = Next().Split(',').Select(p => p.ToLowerInvariant() switch { "hub" => PeerKind.Hub, "hub-msgpack" => PeerKind.HubMessagePack, "raw" => PeerKind.Raw, "socketio" => PeerKind.SocketIo, _ => throw new ArgumentException("Peers: hub, hub-msgpack, raw, socketio.") }).ToArray() },
                "--note" => options with { ExtraNotes = [.. options.ExtraNotes, Next()] },
                "--connections" => options with { BroadcastCounts = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--repetitions" => options with { Repetitions = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}. Known: --quick --out DIR --server-cpus LIST|none --configuration C --hub-dll PATH --scenarios 1,2,… --peers hub,hub-msgpack,raw,socketio --connections 1000,5000 --repetitions N --command TEXT"),
            };
        }

        return options;
    }
}
