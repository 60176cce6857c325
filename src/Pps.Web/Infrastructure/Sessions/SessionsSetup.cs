using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Sessions;

/// <summary>
/// Every authenticated request proves that its sign-in is still current: the security stamp in the cookie or bearer
/// token must be the member's current one (decision 0010). Cookies are checked while they are read (and removed
/// when stale); bearer tokens right after authentication, before authorisation.
/// </summary>
internal static class SessionsSetup
{
    public static WebApplicationBuilder AddPpsSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SessionOptions>(builder.Configuration.GetSection(SessionOptions.Section));
        services.AddSingleton<MemberStamps>();
        services.AddSingleton<SessionChannel>();
        services.AddHostedService<SessionChannelSubscriber>();
        services.AddSingleton<StampRotationInterceptor>();
        services.ConfigureDbContext<PpsDb>((sp, db) => db.AddInterceptors(sp.GetRequiredService<StampRotationInterceptor>()));

        services.ConfigureApplicationCookie(o =>
        {
            var identityCheck = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                var services = context.HttpContext.RequestServices;
                if (!await services.GetRequiredService<MemberStamps>().IsCurrentAsync(services, context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // Identity's own validator still refreshes the cookie's claims on its interval.
                await identityCheck(context);
            };
        });
        return builder;
    }

    /// <summary>Place between <c>UseAuthentication</c> and <c>UseAuthorization</c>.</summary>
    public static IApplicationBuilder UseSessionStampCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var stamps = http.RequestServices.GetRequiredService<MemberStamps>();
        if (!await stamps.IsCurrentAsync(http.RequestServices, http.User, http.RequestAborted))
        {
            // A bearer token from before a log-out or a change of rights: the request goes on as anonymous, so
            // authorisation answers 401 where a sign-in is needed, as for an expired token.
            http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        }

        await next(http);
    });
}
