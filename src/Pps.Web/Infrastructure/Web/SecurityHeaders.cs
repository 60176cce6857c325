namespace Pps.Web.Infrastructure.Web;

internal static class SecurityHeaders
{
    /// <summary>
    /// Security headers on every response. Scripts only from the hub itself (no inline script), no framing.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()";
            h.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>
    /// Refuses a hub connection whose Origin header names another site (cross-site WebSocket hijacking). Clients
    /// without an Origin (non-browser clients with a bearer token) pass.
    /// </summary>
    public static IApplicationBuilder UseLiveHubOriginCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(Live.LiveHub.Path)
            && http.Request.Headers.Origin is { Count: > 0 } origin
            && Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri)
            && !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next();
    });
}
