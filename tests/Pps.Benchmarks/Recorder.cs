namespace Pps.Benchmarks;

/// <summary>
/// Collects the latency of every delivery in one measurement window. Messages of other windows (late arrivals of
/// the one before) are counted apart, never mixed in.
/// </summary>
public sealed class WindowRecorder
{
    private readonly long[] _latencies;
    private int _count;
    private int _overflow;
    private int _foreign;
    private long _lastReceive;

    public WindowRecorder(int window, int capacity)
    {
        Window = window;
        _latencies = new long[Math.Max(16, capacity)];
    }

    public int Window { get; }

    public int Received => Math.Min(Volatile.Read(ref _count), _latencies.Length) + Volatile.Read(ref _overflow);

    public int Foreign => Volatile.Read(ref _foreign);

    public long LastReceiveMicros => Interlocked.Read(ref _lastReceive);

    public void Record(int window, long sentMicros)
    {
        if (window != Window)
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        var now = BenchClock.NowMicros;
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _latencies.Length)
        {
            _latencies[i] = now - sentMicros;
        }
        else
        {
            Interlocked.Increment(ref _overflow);
        }

        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastReceive);
        }
        while (now > seen && Interlocked.CompareExchange(ref _lastReceive, now, seen) != seen);
    }

    public long[] Snapshot() => _latencies.AsSpan(0, Math.Min(Volatile.Read(ref _count), _latencies.Length)).ToArray();
}

/// <summary>The current window for every connection of a set; receivers report into it.</summary>
public sealed class RecorderSlot
{
    private WindowRecorder _current = new(-1, 16);

    public WindowRecorder Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public void Record(int window, long sentMicros) => Current.Record(window, sentMicros);
}

public sealed record LatencyStats(int Samples, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencyStats FromMicros(IReadOnlyCollection<long> micros)
    {
        if (micros.Count == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = micros.Order().ToArray();
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] / 1000.0;
        return new LatencyStats(sorted.Length, P(0.50), P(0.95), P(0.99), sorted[^1] / 1000.0, sorted.Average() / 1000.0);
    }
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
