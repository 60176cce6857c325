using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pps.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the whole test run, started from the machine's binaries on a free loopback
/// port in a throw-away data folder, and stopped (by PID) when the test process exits. Each app fixture
/// creates its own database in it.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static string? _dataDir;
    private static string? _pgCtl;

    /// <summary>The connection string of the server's <c>postgres</c> database.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = await ConnectionStringAsync();
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\";", conn))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("PPS_PG_BIN") ?? FindBin()
            ?? throw new InvalidOperationException("PostgreSQL binaries not found: install postgresql or set PPS_PG_BIN (the folder with initdb and pg_ctl).");
        var port = FreePort();
        var root = Path.Combine(Path.GetTempPath(), $"pps-pg-{Environment.ProcessId}-{port}");
        _dataDir = Path.Combine(root, "data");
        var socketDir = Path.Combine(root, "sock");
        Directory.CreateDirectory(_dataDir);
        Directory.CreateDirectory(socketDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the folders belong to the postgres user.
            await RunAsync("chown", $"-R postgres:postgres {root}");
        }

        _pgCtl = Path.Combine(bin, "pg_ctl");
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {_dataDir} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8", asRoot);
        await RunAsync(_pgCtl, $"-D {_dataDir} -l {Path.Combine(root, "pg.log")} -o \"-p {port} -k {socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" -w start", asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40;Include Error Detail=true";
    }

    private static void Stop(bool asRoot)
    {
        if (_pgCtl is null || _dataDir is null)
        {
            return;
        }

        try
        {
            RunAsync(_pgCtl, $"-D {_dataDir} -m immediate stop", asRoot).GetAwaiter().GetResult();
            Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Stopping the test PostgreSQL failed: {ex.Message}");
        }
    }

    private static string? FindBin()
    {
        var lib = "/usr/lib/postgresql";
        return Directory.Exists(lib)
            ? Directory.GetDirectories(lib).OrderByDescending(d => d).Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")))
            : null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string args, bool asPostgres = false)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
