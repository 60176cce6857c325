using System.Globalization;
using System.Runtime.InteropServices;

namespace Pps.Benchmarks;

/// <summary>
/// The benchmark harness of issue 11. Run it through <c>bash bench/run.sh</c> (builds Release, installs the
/// Socket.IO peer, pins the processes); <c>serve-raw PORT</c> runs the raw WebSocket peer on its own.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "serve-raw")
        {
            await using var peer = await RawPeer.StartAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
            using var stop = new CancellationTokenSource();
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            Console.WriteLine("listening " + peer.Uri);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }

        var options = BenchOptions.Parse(args);
        var paths = BenchPaths.Find();
        var results = new BenchResults { LoadBefore = LoadAverage() };
        var logDirectory = Path.Combine(Path.GetTempPath(), "pps-bench-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Console.WriteLine($"Server logs: {logDirectory}");
        var scenarios = new Scenarios(options, paths, results, Console.Out, logDirectory);
        var output = Path.Combine(Path.IsPathRooted(options.OutDirectory) ? options.OutDirectory : Path.Combine(paths.Root, options.OutDirectory), options.Quick ? "RESULTS-quick.md" : "RESULTS.md");

        // Cheapest first, so a run cut short still reports something; the report is rewritten after each scenario.
        async Task Step(Func<Task> scenario)
        {
            await scenario();
            results.Finished = DateTimeOffset.UtcNow;
            results.LoadAfter = LoadAverage();
            await Report.WriteAsync(options, paths, results, output);
        }

        await Step(scenarios.PagesAsync);
        await Step(scenarios.AlertPathAsync);
        await Step(scenarios.BroadcastAndThroughputAsync);
        await Step(scenarios.DensityAsync);
        await Step(scenarios.StormAsync);
        Console.WriteLine($"Wrote {output}");
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
}
