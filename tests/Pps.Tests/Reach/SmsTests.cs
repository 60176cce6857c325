using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Reach;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Tests.Reach;

/// <summary>A stand-in SMS gateway on a loopback port that accepts only the right bearer key.</summary>
public sealed class SmsGatewayStandIn : IAsyncDisposable
{
    public const string ApiKey = "sms-test-key-9k2";

    private readonly WebApplication _app;

    private SmsGatewayStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(string To, string Body, string Originator)> Messages { get; } = new();

    /// <summary>While set and not completed, every message waits for it before the gateway answers (a slow gateway).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public static async Task<SmsGatewayStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new SmsGatewayStandIn(app);
        app.MapPost("/messages", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
            {
                return Results.StatusCode(401);
            }

            if (standIn.Hold is { } hold)
            {
                await hold.Task;
            }

            using var doc = await JsonDocument.ParseAsync(request.Body);
            foreach (var to in doc.RootElement.GetProperty("recipients").EnumerateArray())
            {
                standIn.Messages.Enqueue((to.GetString()!, doc.RootElement.GetProperty("body").GetString()!, doc.RootElement.GetProperty("originator").GetString()!));
            }

            return Results.Json(new { id = Guid.NewGuid() }, statusCode: 201);
        });
        await app.StartAsync();
        standIn.BaseUrl = app.Urls.First().TrimEnd('/');
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public abstract class SmsTests(PpsApp app) : IAsyncLifetime
{
    private SmsGatewayStandIn _gateway = null!;

    public async Task InitializeAsync() => _gateway = await SmsGatewayStandIn.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void Sms_is_off_by_default()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<SmsOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task Urgent_alerts_go_to_opted_in_members_with_a_number_until_the_monthly_cap_which_is_audited()
    {
        // A tenant of its own would need new demo data; instead every member here is new and the cap is counted
        // from this tenant's current usage, so the test holds whatever ran before.
        var withNumber = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
            withNumber.Add(await app.WithDbAsync(async db =>
            {
                var m = await db.Members.SingleAsync(x => x.Email == email);
                m.PhoneNumber = $"+316{Random.Shared.Next(10_000_000, 99_999_999)}";
                db.ReachPreferences.Add(new ReachPreferences { MemberId = m.Id, SmsUrgent = true });
                await db.SaveChangesAsync();
                return m.Id;
            }));
        }

        var notOptedIn = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var notOptedInId = await app.WithDbAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Email == notOptedIn);
            m.PhoneNumber = "+31612345678";
            await db.SaveChangesAsync();
            return m.Id;
        });

        var tenantId = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "zoetermeer").Select(t => t.Id).SingleAsync());
        var month = int.Parse(app.Clock.GetUtcNow().ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var usedBefore = await app.WithDbAsync(db => db.SmsUsage.Where(u => u.TenantId == tenantId && u.Month == month).Select(u => u.Count).SingleOrDefaultAsync());

        var options = new SmsOptions { BaseUrl = _gateway.BaseUrl, ApiKey = SmsGatewayStandIn.ApiKey, Sender = "PPSHub", MonthlyCap = usedBefore + 2, CostPerMessageCents = 8 };
        var alertId = Guid.NewGuid();
        int sent;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
            var http = scope.ServiceProvider.GetRequiredService<IHttpClientFactory>().CreateClient();
            var gateway = ActivatorUtilities.CreateInstance<HttpSmsGateway>(scope.ServiceProvider, http, Options.Create(options));
            var sender = ActivatorUtilities.CreateInstance<SmsSender>(scope.ServiceProvider, gateway, Options.Create(options));
            sent = await sender.SendAlertAsync(tenantId, alertId, "Overval Hoornwijck", [.. withNumber, notOptedInId], CancellationToken.None);
        }

        Assert.Equal(2, sent);
        Assert.Equal(2, _gateway.Messages.Count);
        Assert.All(_gateway.Messages, m => Assert.Contains("Overval Hoornwijck", m.Body));
        Assert.DoesNotContain(_gateway.Messages, m => m.To == "+31612345678");
        var usage = await app.WithDbAsync(db => db.SmsUsage.SingleAsync(u => u.TenantId == tenantId && u.Month == month));
        Assert.Equal(usedBefore + 2, usage.Count);
        Assert.True(usage.CostCents >= 16);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "reach.sms-cap-reached" && a.Object == $"alert:{alertId}")));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SmsTestsOnSqlite(SqliteApp app) : SmsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SmsTestsOnPostgres(PostgresApp app) : SmsTests(app);
