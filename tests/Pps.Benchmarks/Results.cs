namespace Pps.Benchmarks;

public sealed record BroadcastRow(PeerKind Peer, int Target, int Reached, int Repetitions, double P50, double P95, double P99, double Max, double DeliveredPerSecond, long Expected, long Missing, double ServerCpuPercent, long ServerRss, double ClientCpuPercent = double.NaN);

public sealed record AlertRow(int Target, bool ReportsDelivery, int Reached, int Alerts, int Posted, double P50, double P95, double P99, double Max, double PostP50, long Expected, long Missing);

public sealed record ThroughputRow(PeerKind Peer, int Connections, double Rate, double P99, double DeliveredPerSecond, long Expected, long Missing, double ServerCpuPercent, double ClientCpuPercent, bool WithinTarget);

public sealed record DensityRow(PeerKind Peer, int Target, int Reached, long RssBefore, long RssAfter, double BytesPerConnection)
{
    /// <summary>Resident memory after the server's own full, compacting collection, before the connections (0 in runs before it was measured).</summary>
    public long RssBeforeCollected { get; init; }

    /// <summary>The same after the connections.</summary>
    public long RssAfterCollected { get; init; }

    /// <summary>Per connection with only live objects in both readings; NaN when not measured.</summary>
    public double CollectedBytesPerConnection => RssBeforeCollected > 0 && Reached > 0 ? (RssAfterCollected - RssBeforeCollected) / (double)Reached : double.NaN;
}

public sealed record StormResult(
    int Target,
    int Reached,
    double SecondsDown,
    double SecondsUntilAllCaughtUp,
    int ClientsCaughtUp,
    int AlertsPosted,
    int PostsRefused,
    long Lost,
    int AlertsMissingSomewhere,
    long DuplicateDeliveries,
    long DuplicatesShown,
    double CaughtUpP50,
    double CaughtUpP95,
    double SecondsStopping = double.NaN,
    bool KilledAfterGrace = false,
    double LostP50 = double.NaN,
    double LostP95 = double.NaN,
    double ReconnectedP50 = double.NaN,
    double ReconnectedP95 = double.NaN,
    double ReconnectedLast = double.NaN);

public sealed record PageRow(string Page, int Requests, int Errors, double Average, double P50, double P99);

public sealed record PageResult(int Members, double Seconds, IReadOnlyList<PageRow> Rows, double RequestsPerSecond, IReadOnlyList<string> ErrorSamples);

/// <summary>Everything one run measured, in the order it ran; the report is written from this.</summary>
public sealed class BenchResults
{
    public DateTimeOffset Started { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset Finished { get; set; }

    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public List<BroadcastRow> Broadcast { get; init; } = [];

    public List<AlertRow> Alerts { get; init; } = [];

    public List<ThroughputRow> Throughput { get; init; } = [];

    public List<DensityRow> Density { get; init; } = [];

    public StormResult? Storm { get; set; }

    public PageResult? Pages { get; set; }

    /// <summary>What did not go as planned: a peer that could not run, a count not reached and why.</summary>
    public List<string> Notes { get; init; } = [];

    public static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
