using Microsoft.Extensions.Primitives;

namespace Pps.Web.Live;

internal static class LiveHubCredentials
{
    /// <summary>
    /// Lets go of the credentials a WebSocket request to the hub arrived with (the <c>Authorization</c> header's bearer
    /// token, the <c>Cookie</c> header with the auth cookie) once authentication and authorisation have read them. A
    /// WebSocket request lives as long as its connection, and with it every header string: ~2 KB per connection (a
    /// quarter of the hub's memory per idle connection above bare Kestrel, docs/benchmarks/live-profile.md), and a
    /// secret kept in memory for hours for nothing. The principal stays on the connection, so nothing else changes:
    /// the hub's own checks use it, a stamp rotation or an ended session still closes the connection.
    /// </summary>
    /// <remarks>Place after <c>UseAuthorization</c>. Long polling and Server-Sent Events are requests of their own and keep theirs.</remarks>
    public static IApplicationBuilder UseLiveHubCredentialRelease(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.WebSockets.IsWebSocketRequest && http.Request.Path.StartsWithSegments(LiveHub.Path))
        {
            http.Request.Headers.Authorization = StringValues.Empty;
            http.Request.Headers.Cookie = StringValues.Empty;
        }

        await next();
    });
}
