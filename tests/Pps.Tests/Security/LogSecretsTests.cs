using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Security;

public abstract class LogSecretsTests(PpsApp app)
{
    [Fact]
    public async Task No_password_token_access_token_query_value_or_follow_up_code_reaches_the_log()
    {
        // A log-in (password), a failed log-in (another password), an API call with the bearer token, and a hub
        // connection whose token travels in the access_token query string.
        var email = await app.CreateMemberAsync();
        var wrongPassword = "Wrong-" + Guid.NewGuid().ToString("N");
        using var anonymous = app.AnonymousClient();
        await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = wrongPassword });
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = Pps.Web.Features.Tenancy.DemoData.Password });
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = body.GetProperty("accessToken").GetString()!;
        var refreshToken = body.GetProperty("refreshToken").GetString()!;

        var client = await app.ClientForAsync(email);
        await client.GetAsync("/api/me");
        await using (var hub = new HubConnectionBuilder()
            // As a browser does for WebSockets: the token in the query string.
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/live?access_token=" + Uri.EscapeDataString(accessToken)), Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling, o =>
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler())
            .Build())
        {
            await hub.StartAsync();
            await hub.StopAsync();
        }

        // An anonymous report: its follow-up code is the reporter's only credential. It is used (status and an answer,
        // in the lower-case and unformatted spellings a reporter may type) and tried wrongly.
        var (_, followUpCode) = await Pps.Tests.Signals.SignalsTestKit.ReportAnonymouslyAsync(app);
        var normalised = Pps.Web.Features.Signals.FollowUpCode.Normalise(followUpCode);
        using (var reporter = Pps.Tests.Signals.SignalsTestKit.ClientFrom(app.Server, Pps.Tests.Signals.SignalsTestKit.RandomAddress()))
        {
            Assert.True((await reporter.PostAsJsonAsync("/api/signals/follow-up", new { code = followUpCode.ToLowerInvariant() })).IsSuccessStatusCode);
            await reporter.PostAsJsonAsync("/api/signals/follow-up/answer", new { code = normalised, answer = "Nothing to add." });
            await reporter.PostAsJsonAsync("/api/signals/follow-up", new { code = normalised[..^2] + "ZZ" });
        }

        var logs = CapturedLogs.All;
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { Pps.Web.Features.Tenancy.DemoData.Password, wrongPassword, accessToken, refreshToken, accessToken[..24], followUpCode, normalised, normalised[..^2] + "ZZ" })
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(logs, line => line.Contains("access_token=", StringComparison.OrdinalIgnoreCase));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class LogSecretsTestsOnSqlite(SqliteApp app) : LogSecretsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class LogSecretsTestsOnPostgres(PostgresApp app) : LogSecretsTests(app);
