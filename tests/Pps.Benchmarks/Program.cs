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

        var paths = BenchPaths.Find();
        if (args.Length >= 2 && args[0] == "report")
        {
            // Rewrites RESULTS.md and the plots from a run's results.json (after a change to the report only).
            var saved = System.Text.Json.JsonSerializer.Deserialize<BenchResults>(await File.ReadAllTextAsync(args[1]), BenchResults.Json)!;
            var again = BenchOptions.Parse(args[2..]);
            saved.Notes.AddRange(again.ExtraNotes);
            await Report.WriteAsync(again, paths, saved, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[1]))!, again.Quick ? "RESULTS-quick.md" : "RESULTS.md"));
            return 0;
        }

        var options = BenchOptions.Parse(args);
        var results = new BenchResults { LoadBefore = LoadAverage() };
        var logDirectory = Path.Combine(Path.GetTempPath(), "pps-bench-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Console.WriteLine($"Server logs: {logDirectory}");
        var scenarios = new Scenarios(options, paths, results, Console.Out, logDirectory);
        var output = Path.Combine(Path.IsPathRooted(options.OutDirectory) ? options.OutDirectory : Path.Combine(paths.Root, options.OutDirectory), options.Quick ? "RESULTS-quick.md" : "RESULTS.md");

        // The head-to-head first; the report is rewritten after each scenario, so a run cut short still reports what it measured.
        async Task Step(Func<Task> scenario)
        {
            await scenario();
            results.Finished = DateTimeOffset.UtcNow;
            results.LoadAfter = LoadAverage();
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(Path.ChangeExtension(output, ".json"), System.Text.Json.JsonSerializer.Serialize(results, BenchResults.Json));
            await Report.WriteAsync(options, paths, results, output);
        }

        await Step(scenarios.BroadcastAndThroughputAsync);
        await Step(scenarios.AlertPathAsync);
        await Step(scenarios.StormAsync);
        await Step(scenarios.PagesAsync);
        await Step(scenarios.DensityAsync);
        Console.WriteLine($"Wrote {output}");
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
}
