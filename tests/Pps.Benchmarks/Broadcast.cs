namespace Pps.Benchmarks;

public sealed record WindowResult(int Connections, double Rate, LatencyStats Latency, long Expected, long Received, double DeliveredPerSecond, int SendFailures)
{
    public long Missing => Math.Max(0, Expected - Received);
}

/// <summary>
/// One measurement window of a broadcast: the set's senders send <c>rate</c> messages per second between them
/// (round robin, on a fixed schedule, never waiting for an answer), every receiver reports each message it gets, and
/// the window ends when every expected delivery arrived or the drain time ran out.
/// </summary>
public static class Broadcast
{
    private static int _window;

    public static async Task<WindowResult> RunWindowAsync(ConnectionSet set, double rate, TimeSpan duration, TimeSpan drain)
    {
        var window = Interlocked.Increment(ref _window);
        var receivers = set.Open;
        var planned = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));
        var recorder = new WindowRecorder(window, (int)Math.Min(int.MaxValue / 2, ((long)planned * receivers) + 1024));
        set.Slot.Current = recorder;
        var senders = set.Senders;
        var attempted = 0;
        var failures = 0;
        var start = BenchClock.NowMicros;
        var inFlight = new List<Task>();
        var loops = Enumerable.Range(0, senders.Count).Select(s => Task.Run(async () =>
        {
            var mine = new List<Task>();
            for (long i = 0; ; i++)
            {
                var index = (i * senders.Count) + s;
                if (index >= planned)
                {
                    break;
                }

                var due = start + (long)(index * 1_000_000.0 / rate);
                var wait = due - BenchClock.NowMicros;
                if (wait > 1000)
                {
                    await Task.Delay(TimeSpan.FromMicroseconds(wait));
                }

                var payload = Payload.Create(window, s, i, BenchClock.NowMicros);
                Interlocked.Increment(ref attempted);
                mine.Add(SendOneAsync(senders[s], payload));
            }

            lock (inFlight)
            {
                inFlight.AddRange(mine);
            }
        })).ToArray();

        async Task SendOneAsync(ILoadConnection sender, string payload)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await sender.SendAsync(payload, cts.Token);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        }

        await Task.WhenAll(loops);

        // A send that has not answered yet (the hub's POST returns after its fan-out) may still be delivered: every
        // attempted send is expected at every receiver unless it failed.
        long Expected() => (long)(Volatile.Read(ref attempted) - Volatile.Read(ref failures)) * receivers;
        var drainUntil = BenchClock.NowMicros + (long)drain.TotalMicroseconds;
        while ((recorder.Received < Expected() || !Task.WhenAll(inFlight).IsCompleted) && BenchClock.NowMicros < drainUntil)
        {
            await Task.Delay(50);
        }

        var expected = Expected();

        var latencies = recorder.Snapshot();
        var last = Math.Max(recorder.LastReceiveMicros, start + 1);
        var seconds = Math.Max((last - start) / 1_000_000.0, duration.TotalSeconds);
        return new WindowResult(receivers, rate, LatencyStats.FromMicros(latencies), expected, recorder.Received, recorder.Received / seconds, failures);
    }
}
