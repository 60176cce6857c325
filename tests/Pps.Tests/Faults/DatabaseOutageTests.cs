using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Pps.Tests.Alerts;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Faults;

/// <summary>
/// The hub on PostgreSQL reached through a <see cref="TcpOutage"/>, so the database can vanish from the network and
/// come back without stopping the server the other test classes share.
/// </summary>
public sealed class DatabaseOutageApp : PpsApp
{
    public TcpOutage Outage { get; private set; } = null!;

    public override string Provider => "Postgres";

    protected override async Task<string?> ConnectionStringAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync($"pps_outage_{Guid.NewGuid():N}"));
        Outage = new TcpOutage(direct.Port);
        // Short timeouts: an outage should be answered in seconds, not after the driver's 15 s default.
        return new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = Outage.Port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Outage.DisposeAsync();
    }
}

/// <summary>Database unavailable for a while: clear 503s, readiness says so, and the hub recovers by itself.</summary>
public sealed class DatabaseOutageTests(DatabaseOutageApp app) : IClassFixture<DatabaseOutageApp>
{
    [Fact]
    public async Task While_the_database_is_away_requests_get_a_503_problem_and_readiness_fails_and_both_recover_on_their_own()
    {
        var oov = await app.ClientForAsync(AlertsTestKit.Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        using var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await oov.GetAsync("/api/alerts/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        app.Outage.Stop();
        try
        {
            // Reads and writes alike: a 503 ProblemDetails that says what is wrong, with a Retry-After.
            using var read = await oov.GetAsync("/api/alerts/");
            await AssertUnavailableAsync(read);
            var title = AlertsTestKit.Unique("During the outage");
            using var write = await oov.PostAsJsonAsync("/api/alerts", AlertsTestKit.Body(title, [estate]));
            await AssertUnavailableAsync(write);

            using var ready = await anonymous.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

            app.Outage.Start();

            // No restart, no operator: the next requests find the database again (a pooled connection that was cut
            // during the outage may fail one more request, never more than a few).
            await EventuallyOkAsync(() => oov.GetAsync("/api/alerts/"));
            await EventuallyOkAsync(() => anonymous.GetAsync("/health/ready"));
            Assert.Equal(0, await app.StoredAlertsTitledAsync(title));
        }
        finally
        {
            app.Outage.Start();
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("database is not reachable", text, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task EventuallyOkAsync(Func<Task<HttpResponseMessage>> call)
    {
        var last = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await call();
            last = response.StatusCode;
            if (last == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"still {(int)last} after the database came back");
    }
}
