using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Live;
using StackExchange.Redis;

namespace Pps.Web.Infrastructure.Scale;

/// <summary>
/// What several instances behind a load balancer share: the SignalR backplane (Redis or Azure SignalR Service),
/// readiness checks for every dependency, and telemetry. Data protection keys are in the database
/// (<c>PersistKeysToDbContext</c>), so cookies and tokens from one instance work on another.
/// </summary>
internal static class ScaleOutSetup
{
    public static WebApplicationBuilder AddPpsScaleOut(this WebApplicationBuilder builder, ISignalRServerBuilder signalR)
    {
        var config = builder.Configuration;
        var backplane = config["SignalR:Backplane"] ?? "None";
        var health = builder.Services.AddHealthChecks();
        health.AddCheck<BlobStorageHealthCheck>("blob-storage", tags: ["ready"]);

        if (string.Equals(backplane, "Redis", StringComparison.OrdinalIgnoreCase))
        {
            var redis = config.GetConnectionString("Redis")
                ?? throw new InvalidOperationException("ConnectionStrings:Redis is required when SignalR:Backplane is Redis.");
            // AbortOnConnectFail=false: the hub starts, and keeps retrying, while Redis is down; clients catch up from the database.
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            options.ChannelPrefix = RedisChannel.Literal("pps");
            signalR.AddStackExchangeRedis(o => o.Configuration = options);
            builder.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                .Configure<IServiceProvider>((o, services) => o.ConnectionFactory = async writer =>
                {
                    var connection = await ConnectionMultiplexer.ConnectAsync(options, writer);
                    // While Redis was away, broadcasts from other instances were lost. Ask every client to catch up
                    // from the database (it has every alert); the clients add jitter so they do not all ask at once.
                    connection.ConnectionRestored += (_, _) => _ = services.GetRequiredService<IHubContext<LiveHub, ILiveClient>>()
                        .Clients.All.CatchUp("backplane-restored");
                    return connection;
                });
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(ConfigurationOptions.Parse(redis + ",abortConnect=false,connectTimeout=2000")));
            health.AddCheck<RedisHealthCheck>("backplane", tags: ["ready"]);
        }
        else if (string.Equals(backplane, "Azure", StringComparison.OrdinalIgnoreCase))
        {
            signalR.AddAzureSignalR(o => o.ConnectionString = config["Azure:SignalR:ConnectionString"]);
        }

        // Only with somewhere to send it: a tracer provider without an exporter still made an Activity for every request
        // and database command (and kept one for the whole life of every hub WebSocket), only to drop it.
        if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("pps-hub"))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(HubMetrics.MeterName).AddMeter("Microsoft.AspNetCore.Http.Connections"))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("Microsoft.EntityFrameworkCore").AddSource(HubMetrics.MeterName))
                .UseOtlpExporter();
        }

        return builder;
    }
}

/// <summary>Checks that blob storage answers (a read of a key that need not exist).</summary>
internal sealed class BlobStorageHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(3));
            await blobs.ExistsAsync("health/probe", cts.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Blob storage is not reachable.", ex);
        }
    }
}

/// <summary>Checks the Redis backplane with a PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            // Degraded, not unhealthy: without the backplane an instance still serves and clients catch up.
            return HealthCheckResult.Degraded("The Redis backplane is not reachable.", ex);
        }
    }
}
