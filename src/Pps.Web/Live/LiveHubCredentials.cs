using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Pps.Web.Live;

internal static class LiveHubCredentials
{
    /// <summary>
    /// Lets go of the credentials a WebSocket request to the hub arrived with (the <c>Authorization</c> header's bearer
    /// token, the <c>Cookie</c> header with the auth cookie, an <c>access_token</c> in the query) once authentication and authorisation have read them. A
    /// WebSocket request lives as long as its connection, and with it every header string: ~2.5 KB per connection
    /// (docs/benchmarks/live-profile.md), and a secret kept in memory for hours for nothing. The principal stays on
    /// the connection, so nothing else changes: the hub's own checks use it, a stamp rotation or an ended session
    /// still closes the connection.
    /// </summary>
    /// <remarks>
    /// Place after <c>UseAuthorization</c>. Long polling and Server-Sent Events are requests of their own and keep theirs.
    /// The WebSocket is recognised from the server's own upgrade features: <c>HttpContext.WebSockets</c> only knows
    /// once the WebSocket middleware has run, and SignalR runs it inside the hub's endpoint, after this.
    /// </remarks>
    public static IApplicationBuilder UseLiveHubCredentialRelease(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(LiveHub.Path) && IsWebSocketRequest(http))
        {
            http.Request.Headers.Authorization = StringValues.Empty;
            http.Request.Headers.Cookie = StringValues.Empty;
            DropQueryToken(http);
        }

        await next();
    });

    /// <summary>
    /// A native client may send its token as <c>access_token</c> in the query (IdentitySetup). The rest of the query stays:
    /// SignalR reads the connection's <c>id</c> from it inside the endpoint. The request target the server keeps
    /// (<see cref="IHttpRequestFeature.RawTarget"/>) holds the query too, so it is rewritten with it.
    /// </summary>
    private static void DropQueryToken(HttpContext http)
    {
        if (!http.Request.Query.ContainsKey(AccessTokenParameter))
        {
            return;
        }

        var rest = QueryString.Create(http.Request.Query.Where(q => !string.Equals(q.Key, AccessTokenParameter, StringComparison.OrdinalIgnoreCase)));
        http.Request.QueryString = rest;
        if (http.Features.Get<IHttpRequestFeature>() is { } request)
        {
            request.RawTarget = (http.Request.PathBase + http.Request.Path).ToUriComponent() + rest.ToUriComponent();
        }
    }

    private const string AccessTokenParameter = "access_token";

    /// <summary>An HTTP/1.1 upgrade to <c>websocket</c> or an HTTP/2 extended CONNECT for it, as the WebSocket middleware judges.</summary>
    internal static bool IsWebSocketRequest(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            return true;
        }

        if (http.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        return http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
            && HttpMethods.IsGet(http.Request.Method)
            && http.Request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase));
    }
}
