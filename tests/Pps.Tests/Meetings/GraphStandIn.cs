using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Meetings;

/// <summary>
/// A local stand-in for the Microsoft Graph endpoints the hub uses, on a loopback port. It records every request
/// (method, path, body), refuses requests without the expected bearer token, answers with the documented JSON
/// (including <c>onlineMeeting.joinUrl</c>), and can be told to fail the next requests with 503.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-token-7f3a";

    private WebApplication? _app;
    private int _failures;
    private int _events;

    public sealed record Call(string Method, string Path, string? Authorization, JsonElement? Body);

    public ConcurrentQueue<Call> Calls { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public static string JoinUrlFor(string eventId) => $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{eventId}%40thread.v2/0";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            JsonElement? body = null;
            using (var reader = new StreamReader(context.Request.Body))
            {
                var text = await reader.ReadToEndAsync();
                if (text.Length > 0)
                {
                    using var doc = JsonDocument.Parse(text);
                    body = doc.RootElement.Clone();
                }
            }

            var auth = context.Request.Headers.Authorization.ToString();
            Calls.Enqueue(new Call(context.Request.Method, context.Request.Path.Value ?? "", auth, body));
            if (auth != "Bearer " + Token)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "InvalidAuthenticationToken", message = "Access token is empty." } });
                return;
            }

            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "ServiceNotAvailable", message = "The service is temporarily unavailable." } });
                return;
            }

            context.Items["body"] = body;
            await next(context);
        });
        _app.MapPost("/v1.0/users/{user}/events", (HttpContext context) =>
        {
            var id = "AAMkAD-" + Interlocked.Increment(ref _events);
            var body = (JsonElement?)context.Items["body"];
            return Results.Json(EventJson(id, body), statusCode: 201);
        });
        _app.MapMethods("/v1.0/users/{user}/events/{id}", ["PATCH"], (string id, HttpContext context) => Results.Json(EventJson(id, (JsonElement?)context.Items["body"])));
        _app.MapPost("/v1.0/users/{user}/events/{id}/cancel", () => Results.StatusCode(202));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/v1.0";
    }

    /// <summary>As Graph documents the answer of create/update: the event with its Teams meeting.</summary>
    private static object EventJson(string id, JsonElement? request) => new Dictionary<string, object?>
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('x')/events/$entity",
        ["id"] = id,
        ["subject"] = request is { } r && r.TryGetProperty("subject", out var s) ? s.GetString() : "",
        ["isOnlineMeeting"] = true,
        ["onlineMeetingProvider"] = "teamsForBusiness",
        ["onlineMeeting"] = new Dictionary<string, object?> { ["joinUrl"] = JoinUrlFor(id) },
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Returns the stand-in's fixed token, as Azure.Identity would return a real one.</summary>
public sealed class FixedTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => new(GraphStandIn.Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

/// <summary>The hub with Graph switched on and pointed at the stand-in.</summary>
public abstract class GraphApp : PpsApp
{
    public GraphStandIn Graph { get; } = new();

    public override async Task InitializeAsync()
    {
        await Graph.StartAsync();
        Settings["Graph:Enabled"] = "true";
        Settings["Graph:BaseUrl"] = Graph.BaseUrl;
        Settings["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001";
        Settings["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002";
        Settings["Graph:ClientSecret"] = "not-used-by-the-stub";
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TokenCredential>();
            services.AddSingleton<TokenCredential, FixedTokenCredential>();
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

public sealed class GraphSqliteApp : GraphApp
{
    public const string Collection = "meetings-graph-sqlite";

    public override string Provider => "Sqlite";

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}

public sealed class GraphPostgresApp : GraphApp
{
    public const string Collection = "meetings-graph-postgres";

    public override string Provider => "Postgres";

    protected override async Task<string?> ConnectionStringAsync()
        => await PostgresServer.CreateDatabaseAsync($"pps_{Guid.NewGuid():N}");
}

[CollectionDefinition(GraphSqliteApp.Collection)]
public sealed class GraphSqliteCollection : ICollectionFixture<GraphSqliteApp>;

[CollectionDefinition(GraphPostgresApp.Collection)]
public sealed class GraphPostgresCollection : ICollectionFixture<GraphPostgresApp>;
