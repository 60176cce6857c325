using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Live;

namespace Pps.Tests.Infrastructure;

/// <summary>
/// The hub in-process (TestServer) on a real database with the demo data, a fake clock and the test SMTP
/// server. One instance per database per test run; tests create their own data where they change things.
/// </summary>
public abstract class PpsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "pps-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestSmtpServer Smtp => TestSmtpServer.Instance;

    /// <summary>Extra settings a derived fixture adds (for example a Redis backplane).</summary>
    protected Dictionary<string, string?> Settings { get; } = new();

    public abstract string Provider { get; }

    protected abstract Task<string?> ConnectionStringAsync();

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var cs = await ConnectionStringAsync();
        Settings["Pps:DatabaseProvider"] = Provider;
        Settings[$"ConnectionStrings:{Provider}"] = cs;
        // Every upload of the suite is scanned by a real clamd (one per run; it starts in well under a second with the
        // test signature database). Without clamd the hub's default (no scanning) stays, and the scanning tests fail.
        if (await ServiceProcess.SharedClamdAsync() is { } clamd)
        {
            Settings["Scanning:Provider"] = "ClamAv";
            Settings["Scanning:ClamAv:Host"] = "127.0.0.1";
            Settings["Scanning:ClamAv:Port"] = clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Scanning:ClamAv:MaxStreamBytes"] = (ServiceProcess.ClamdStreamMaxMegabytes * 1024L * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _ = Server; // start now: migrate and seed before the first test
    }

    public new virtual Task DisposeAsync()
    {
        Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file a moment; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Pps:DataDirectory", _dataDirectory);
        builder.UseSetting("Pps:DemoData", "true");
        builder.UseSetting("Pps:RunBackgroundJobs", "false");
        builder.UseSetting("Pps:PublicBaseUrl", "http://localhost");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(new CapturedLogs());
            logging.SetMinimumLevel(LogLevel.Debug);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Logs in through <c>/api/auth/login</c> (once per account) and returns a client with the bearer token.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = DemoData.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(email, password));
        return client;
    }

    public async Task<string> TokenForAsync(string email, string password = DemoData.Password)
    {
        // Bearer tokens expire on the fake clock too: a test that moves the clock by days must not leave
        // every later test of the collection with an expired cached token.
        if (_tokens.TryGetValue(email, out var cached) && Clock.GetUtcNow() - cached.IssuedAt < TimeSpan.FromMinutes(30))
        {
            return cached.Token;
        }

        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        _tokens[email] = (body!.AccessToken, Clock.GetUtcNow());
        return body.AccessToken;
    }

    /// <summary>Forgets cached tokens (after a role change, so the next login carries the new claims).</summary>
    public void ForgetToken(string email) => _tokens.TryRemove(email, out _);

    /// <summary>Forgets every cached token: after moving the clock past their lifetime, cached tokens no longer work.</summary>
    public void ForgetTokens() => _tokens.Clear();

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>
    /// A SignalR connection to <c>/hubs/live</c> through the test server over WebSockets, as browsers connect,
    /// authenticated with the member's token: invocations never pass the HTTP pipeline, only the hub's own checks.
    /// (Until 2026-11-29 the test server's WebSocket handshake carried no token, got 401, and every hub test silently
    /// ran over Server-Sent Events, whose invocations are HTTP posts.) <paramref name="transport"/> picks one of the
    /// fallbacks the hub also offers (Server-Sent Events, long polling) instead.
    /// </summary>
    public async Task<HubConnection> ConnectLiveAsync(string email, bool start = true, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var token = await TokenForAsync(email);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, LiveHub.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = transport;
                o.WebSocketFactory = async (context, ct) =>
                {
                    // The test server's WebSocket client does not take the client's headers: the token goes by hand.
                    var client = Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        if (start)
        {
            await connection.StartAsync();
        }

        return connection;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope and a context that sees every tenant (for arranging and asserting).</summary>
    public async Task<T> WithDbAsync<T>(Func<PpsDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        return await work(scope.ServiceProvider.GetRequiredService<PpsDb>());
    }

    public Task WithDbAsync(Func<PpsDb, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Runs one pass of a background job, as the scheduler would.</summary>
    public async Task RunJobAsync<TJob>() where TJob : class, IJob
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Creates a member with a unique e-mail in a demo tenant, with the given roles, and returns the e-mail.</summary>
    public async Task<string> CreateMemberAsync(string tenantSlug = "zoetermeer", VettingLevel vetting = VettingLevel.Vetted, params (string Role, string? EstateSlug)[] roles)
    {
        var email = $"m{Guid.NewGuid():N}@test.demo";
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == tenantSlug);
        var member = new Member
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + email[..8], TenantId = tenant.Id,
            VettingLevel = vetting, CreatedAt = Clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(member, DemoData.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var (role, estateSlug) in roles)
        {
            var estateId = estateSlug is null ? (Guid?)null : (await db.Estates.SingleAsync(e => e.TenantId == tenant.Id && e.Slug == estateSlug)).Id;
            db.RoleAssignments.Add(new RoleAssignment { TenantId = tenant.Id, MemberId = member.Id, Role = role, EstateId = estateId, AssignedAt = Clock.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return email;
    }

    public async Task<Guid> EstateIdAsync(string slug, string tenantSlug = "zoetermeer")
        => await WithDbAsync(async db => (await db.Estates.SingleAsync(e => e.Slug == slug && db.Tenants.Any(t => t.Id == e.TenantId && t.Slug == tenantSlug))).Id);

    private sealed record TokenResponse(string AccessToken);
}

public sealed class SqliteApp : PpsApp
{
    public const string Collection = "sqlite";

    public override string Provider => "Sqlite";

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgresApp : PpsApp
{
    public const string Collection = "postgres";

    public override string Provider => "Postgres";

    protected override async Task<string?> ConnectionStringAsync()
        => await PostgresServer.CreateDatabaseAsync($"pps_{Guid.NewGuid():N}");
}

[CollectionDefinition(SqliteApp.Collection)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>;

[CollectionDefinition(PostgresApp.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>;
