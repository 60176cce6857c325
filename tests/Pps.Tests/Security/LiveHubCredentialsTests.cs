using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pps.Web.Live;

namespace Pps.Tests.Security;

/// <summary>
/// The credential release on real Kestrel. The test server hands every WebSocket request the WebSocket feature from the
/// start, so there <c>HttpContext.WebSockets.IsWebSocketRequest</c> is true before any middleware has run; on Kestrel it
/// becomes true only when the WebSocket middleware has run, and SignalR runs that inside the hub's endpoint, after the
/// release. The release once relied on it and let every production connection keep its bearer token (found with a heap
/// dump of the benchmark's hub). Here the pipeline is laid out as the hub's: release first, WebSocket middleware at the
/// endpoint.
/// </summary>
public sealed class LiveHubCredentialsTests
{
    [Fact]
    public async Task On_kestrel_a_websocket_request_to_the_hub_lets_go_of_its_bearer_token_and_cookie()
    {
        var seen = await HeadersAtTheEndpointAsync(LiveHub.Path);

        Assert.Equal((0, 0, true), seen);
    }

    [Fact]
    public async Task A_websocket_request_elsewhere_keeps_its_headers()
    {
        var seen = await HeadersAtTheEndpointAsync("/elsewhere");

        Assert.Equal((1, 1, true), seen);
    }

    [Fact]
    public async Task On_kestrel_a_websocket_request_to_the_hub_lets_go_of_a_token_in_its_query_and_keeps_the_rest()
    {
        var (query, rawTarget) = await AtTheEndpointAsync(
            LiveHub.Path,
            "?id=conn-1&access_token=s3cret-token",
            _ => { },
            http => (http.Request.QueryString.Value ?? "", http.Features.Get<IHttpRequestFeature>()!.RawTarget));

        Assert.Equal("?id=conn-1", query);
        Assert.Equal(LiveHub.Path + "?id=conn-1", rawTarget);
    }

    private static Task<(int Authorization, int Cookie, bool WebSocket)> HeadersAtTheEndpointAsync(string path)
        => AtTheEndpointAsync(
            path,
            "",
            client =>
            {
                client.Options.SetRequestHeader("Authorization", "Bearer " + new string('t', 1200));
                client.Options.SetRequestHeader("Cookie", ".AspNetCore.Identity.Application=" + new string('c', 1200));
            },
            http => (http.Request.Headers.Authorization.Count, http.Request.Headers.Cookie.Count, http.WebSockets.IsWebSocketRequest));

    /// <summary>Opens a WebSocket to <paramref name="path"/> on a Kestrel app with the hub's order and reads the request at the endpoint.</summary>
    private static async Task<T> AtTheEndpointAsync<T>(string path, string query, Action<ClientWebSocket> configure, Func<HttpContext, T> read)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.UseLiveHubCredentialRelease();
        app.UseWebSockets();
        app.Map(path, async http =>
        {
            seen.TrySetResult(read(http));
            using var ws = await http.WebSockets.AcceptWebSocketAsync();
            await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var client = new ClientWebSocket();
        configure(client);
        await client.ConnectAsync(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + path + query), CancellationToken.None);
        var result = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        client.Abort();
        await app.StopAsync();
        return result;
    }
}
