using Mediator;
using Microsoft.AspNetCore.RateLimiting;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

internal static class MembersModule
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.AddPolicy<string, AccountRateLimit>(AccountRateLimit.Policy));
        return services;
    }

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity");
        auth.MapIdentityApi<Member>()
            .AddEndpointFilter(AuthEndpointFilter.Invoke)
            .AddEndpointFilter(Sessions.Reauthentication.GuardEmailChange)
            .Add(endpoint =>
            {
                // The endpoints that mail someone are limited like the pages that do; log-in and refresh are not.
                if (endpoint is RouteEndpointBuilder route
                    && route.RoutePattern.RawText is { } pattern
                    && (pattern.EndsWith("/forgotPassword", StringComparison.OrdinalIgnoreCase) || pattern.EndsWith("/resendConfirmationEmail", StringComparison.OrdinalIgnoreCase)))
                {
                    route.Metadata.Add(new EnableRateLimitingAttribute(AccountRateLimit.Policy));
                }

                // A member who must enrol in two-factor log-in may still do so through the API.
                if (endpoint is RouteEndpointBuilder twoFactor && twoFactor.RoutePattern.RawText?.EndsWith("/manage/2fa", StringComparison.OrdinalIgnoreCase) == true)
                {
                    twoFactor.Metadata.Add(new AllowDuringTwoFactorEnrolmentAttribute());
                }
            });

        var me = app.MapGroup("/api/me").WithTags("Members").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", async (IMediator m, CancellationToken ct) => (await m.Send(new GetMe(), ct)).ToHttp()).WithName("GetMe");
        me.MapPut("/profile", async (UpdateProfile cmd, IMediator m, CancellationToken ct) => (await m.Send(cmd, ct)).ToHttp()).WithName("UpdateProfile");
        me.MapGet("/export", async (HttpContext http, IMediator m, TimeProvider clock, CancellationToken ct) =>
            {
                var r = await m.Send(new ExportPersonalData(), ct);
                if (!r.IsSuccess)
                {
                    return r.ToHttp();
                }

                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"pps-hub-personal-data-{clock.GetUtcNow():yyyy-MM-dd}.json\"";
                return Results.Json(r.Value);
            })
            .WithName("ExportPersonalData");
        me.MapPost("/erasure-request", async (IMediator m, CancellationToken ct) => (await m.Send(new RequestErasure(), ct)).ToHttp()).WithName("RequestErasure");

        var members = app.MapGroup("/api/members").WithTags("Members");
        members.MapPost("/registrations", async (RegisterMember cmd, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(cmd, ct);
                return r.IsSuccess ? Results.Accepted(value: r.Value) : r.ToHttp();
            })
            .AllowAnonymous()
            .RequireRateLimiting(AccountRateLimit.Policy)
            .WithName("RegisterMember");
        members.MapGet("/erasure-requests", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetErasureRequests(), ct)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("GetErasureRequests");
        members.MapPost("/{id:guid}/erasure", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new EraseMember(id), ct)).ToHttp())
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("EraseMember");
        return app;
    }
}
