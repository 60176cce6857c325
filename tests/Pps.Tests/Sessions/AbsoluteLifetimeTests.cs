using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Sessions;

/// <summary>
/// ASVS 7.3.2: however active the member is, a sign-in ends 12 hours after it began — the sliding cookie through
/// Identity's claim refreshes, and a bearer token through its refreshes — and the member signs in again.
/// </summary>
public abstract class AbsoluteLifetimeTests(PpsApp app)
{
    [Fact]
    public async Task An_active_browser_session_ends_twelve_hours_after_the_sign_in_despite_the_sliding_cookie()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        try
        {
            // Active every three hours: the 8-hour sliding window never runs out, and Identity refreshes the claims
            // (every 5 minutes at most) at each of these requests.
            for (var i = 0; i < 3; i++)
            {
                app.Clock.Advance(TimeSpan.FromHours(3));
                using var response = await browser.Client.GetAsync("/Dashboard");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(50)); // 11:50 after the sign-in
            using (var still = await browser.Client.GetAsync("/Dashboard"))
            {
                Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            }

            app.Clock.Advance(TimeSpan.FromMinutes(15)); // 12:05
            using var ended = await browser.Client.GetAsync("/Dashboard");
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
            Assert.Contains("/Account/Login", ended.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

            Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
            using var again = await browser.Client.GetAsync("/Dashboard");
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            app.ForgetTokens();
        }
    }

    [Fact]
    public async Task Bearer_refreshes_keep_the_original_sign_in_and_stop_twelve_hours_after_it()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var tokens = await SessionCallers.LoginAsync(app, email);
        using var first = SessionCallers.Bearer(app, tokens.Access);
        var session = await SessionCallers.CurrentSessionAsync(first);
        try
        {
            var refresh = tokens.Refresh;
            for (var i = 0; i < 11; i++)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(59));
                var renewed = await RefreshAsync(refresh);
                Assert.Equal(HttpStatusCode.OK, renewed.Status);
                refresh = renewed.Body.GetProperty("refreshToken").GetString()!;
                using var client = SessionCallers.Bearer(app, renewed.Body.GetProperty("accessToken").GetString()!);
                Assert.Equal(session, await SessionCallers.CurrentSessionAsync(client));
            }

            app.Clock.Advance(TimeSpan.FromMinutes(45)); // 11:34 after the sign-in
            var last = await RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.OK, last.Status);
            using var lastClient = SessionCallers.Bearer(app, last.Body.GetProperty("accessToken").GetString()!);
            Assert.Equal(HttpStatusCode.OK, (await lastClient.GetAsync("/api/me")).StatusCode);

            app.Clock.Advance(TimeSpan.FromMinutes(30)); // 12:04: the access token itself is 30 minutes old
            Assert.Equal(HttpStatusCode.Unauthorized, (await lastClient.GetAsync("/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(last.Body.GetProperty("refreshToken").GetString()!)).Status);

            using var again = await SessionCallers.BearerAsync(app, email);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
        }
        finally
        {
            app.ForgetTokens();
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken)
    {
        using var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        return (response.StatusCode, body);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class AbsoluteLifetimeTestsOnSqlite(SqliteApp app) : AbsoluteLifetimeTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AbsoluteLifetimeTestsOnPostgres(PostgresApp app) : AbsoluteLifetimeTests(app);
