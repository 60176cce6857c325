using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

/// <summary>The hub with an OTLP endpoint configured (nothing listens there: the exporter's sends fail quietly).</summary>
public sealed class TelemetryApp : PpsApp
{
    public const string Collection = "telemetry";

    public override string Provider => "Sqlite";

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);

    public override Task InitializeAsync()
    {
        Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
        return base.InitializeAsync();
    }
}

[CollectionDefinition(TelemetryApp.Collection)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryApp>;

/// <summary>
/// Telemetry is collected only when it has somewhere to go: a tracer provider without an exporter made an Activity for
/// every request and database command, and kept one for the whole life of every hub WebSocket, only to drop it.
/// </summary>
[Collection(SqliteApp.Collection)]
public sealed class TelemetryTests(SqliteApp app)
{
    [Fact]
    public void Without_an_exporter_endpoint_the_hub_traces_and_meters_nothing()
    {
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}

[Collection(TelemetryApp.Collection)]
public sealed class TelemetryWithEndpointTests(TelemetryApp app)
{
    [Fact]
    public void With_an_exporter_endpoint_the_hub_traces_and_meters()
    {
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }
}
