using System.Globalization;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

/// <summary>
/// Two hub processes on different loopback ports sharing one PostgreSQL, one Redis backplane, one Azurite and
/// the test SMTP server — what a load balancer would put in front of. Jobs run in both.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string Collection = "two-instances";

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public ServiceProcess Redis { get; private set; } = null!;

    public ServiceProcess Azurite { get; private set; } = null!;

    public string PostgresConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Redis = await ServiceProcess.StartRedisAsync();
        Azurite = await ServiceProcess.StartAzuriteAsync();
        PostgresConnectionString = await PostgresServer.CreateDatabaseAsync($"pps_two_{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["Pps:DatabaseProvider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = PostgresConnectionString,
            ["SignalR:Backplane"] = "Redis",
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{Redis.Port}",
            ["Storage:Provider"] = "Azure",
            ["Storage:ConnectionString"] = Azurite.AzuriteConnectionString,
            ["Storage:Container"] = "pps-two",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = TestSmtpServer.Instance.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Pps:RunBackgroundJobs"] = "true",
        };
        A = new AppProcess(settings);
        B = new AppProcess(settings);
        await A.StartAsync(); // A migrates and seeds; B finds the database ready
        await B.StartAsync();
    }

    /// <summary>Restarts Redis on the same port (the backplane outage scenario).</summary>
    public async Task RestartRedisAsync(TimeSpan down)
    {
        var port = Redis.Port;
        await Redis.DisposeAsync();
        await Task.Delay(down);
        Redis = await ServiceProcess.StartRedisAsync(port);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(TwoInstances.Collection)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstances>;
