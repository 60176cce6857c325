using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Reach;

/// <summary>End to end: an urgent alert posted over HTTP reaches opted-in recipients through the SMS gateway stand-in.</summary>
public abstract class SmsWiringTests(PpsApp app) : IAsyncLifetime
{
    private SmsGatewayStandIn _gateway = null!;

    public async Task InitializeAsync() => _gateway = await SmsGatewayStandIn.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(string Email, string Phone)> MemberAsync(string estate, bool optIn, bool phone = true)
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, estate));
        var number = $"+316{Random.Shared.Next(10_000_000, 99_999_999)}";
        if (phone)
        {
            await app.WithDbAsync(async db =>
            {
                (await db.Members.SingleAsync(m => m.Email == email)).PhoneNumber = number;
                await db.SaveChangesAsync();
            });
        }

        var prefs = await (await app.ClientForAsync(email)).PutAsJsonAsync("/api/reach/preferences", new { pushSeverities = new[] { "urgent" }, smsUrgent = optIn });
        Assert.Equal(HttpStatusCode.OK, prefs.StatusCode);
        return (email, number);
    }

    /// <summary>The same hub with the SMS gateway configured (off by default).</summary>
    private WebApplicationFactory<Program> WithSms() => app.WithWebHostBuilder(b => b
        .UseSetting("Reach:Sms:BaseUrl", _gateway.BaseUrl)
        .UseSetting("Reach:Sms:ApiKey", SmsGatewayStandIn.ApiKey));

    private static async Task<HttpClient> OovClientAsync(WebApplicationFactory<Program> withSms)
    {
        var client = withSms.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "oov@zoetermeer.demo", password = DemoData.Password });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task An_urgent_alert_is_texted_to_recipients_who_opted_in_and_gave_a_number_and_to_no_one_else()
    {
        var optedIn = await MemberAsync("hoornwijck", optIn: true);
        var notOptedIn = await MemberAsync("hoornwijck", optIn: false);
        var otherEstate = await MemberAsync("lansinghage", optIn: true);

        await using var withSms = WithSms();
        var client = await OovClientAsync(withSms);

        var title = "Overval " + Guid.NewGuid().ToString("N")[..6];
        var info = await client.PostAsJsonAsync("/api/alerts", new
        {
            title = "Ter info " + title, body = "Alleen ter informatie.", severity = "info",
            estateIds = new[] { await app.EstateIdAsync("hoornwijck") }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = false,
        });
        Assert.Equal(HttpStatusCode.Created, info.StatusCode);
        var urgent = await client.PostAsJsonAsync("/api/alerts", new
        {
            title, body = "Gewapende overval, blijf binnen.", severity = "urgent",
            estateIds = new[] { await app.EstateIdAsync("hoornwijck") }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = true,
        });
        Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_gateway.Messages.Any(m => m.To == optedIn.Phone))
        {
            await Task.Delay(20, timeout.Token);
        }

        var message = Assert.Single(_gateway.Messages, m => m.To == optedIn.Phone);
        Assert.Contains(title, message.Body);
        Assert.StartsWith("PPS Hub URGENT", message.Body);
        Assert.DoesNotContain(_gateway.Messages, m => m.Body.Contains("Ter info", StringComparison.Ordinal));
        Assert.DoesNotContain(_gateway.Messages, m => m.To == notOptedIn.Phone || m.To == otherEstate.Phone);
    }

    [Fact]
    public async Task The_poster_does_not_wait_for_the_sms_gateway()
    {
        var optedIn = await MemberAsync("hoornwijck", optIn: true);
        await using var withSms = WithSms();
        var client = await OovClientAsync(withSms);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gateway.Hold = hold;
        try
        {
            var title = "Brand " + Guid.NewGuid().ToString("N")[..6];
            // The gateway answers nothing until released: a POST that waited for it would return only when the
            // gateway call gave up after its 15 s timeout (ReachModule), past this bound.
            using var notHeldUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var urgent = await client.PostAsJsonAsync("/api/alerts", new
            {
                title, body = "Brand in hal 3, blijf weg.", severity = "urgent",
                estateIds = new[] { await app.EstateIdAsync("hoornwijck") }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = false,
            }, notHeldUp.Token);
            Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);
            Assert.DoesNotContain(_gateway.Messages, m => m.Body.Contains(title, StringComparison.Ordinal));

            hold.SetResult();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!_gateway.Messages.Any(m => m.To == optedIn.Phone && m.Body.Contains(title, StringComparison.Ordinal)))
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        finally
        {
            hold.TrySetResult();
            _gateway.Hold = null;
        }
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SmsWiringTestsOnSqlite(SqliteApp app) : SmsWiringTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SmsWiringTestsOnPostgres(PostgresApp app) : SmsWiringTests(app);
