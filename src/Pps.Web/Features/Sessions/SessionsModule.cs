using Mediator;
using Microsoft.AspNetCore.Identity;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Sessions;

internal static class SessionsModule
{
    public static IServiceCollection AddMemberSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionRecords>();
        services.AddSingleton<SessionActivity>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionActivity>());
        services.AddScoped<Reauthentication>();
        services.AddSingleton<ReauthenticationThrottle>();
        // Replaces Identity's sign-in manager (registered before by AddIdentityApiEndpoints): the last registration wins.
        services.AddScoped<SignInManager<Member>, PpsSignInManager>();
        services.AddJob<PurgeSessionsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapMemberSessions(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/me/sessions").WithTags("Sessions").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("/", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMySessions(), ct)))
            .WithName("GetMySessions");
        mine.MapDelete("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new EndMySession(id), ct);
                return r.IsSuccess ? Results.NoContent() : r.ToHttp();
            })
            .WithName("EndMySession");
        mine.MapPost("/end-others", async (IMediator m, CancellationToken ct) => (await m.Send(new EndMyOtherSessions(), ct)).ToHttp())
            .WithName("EndMyOtherSessions");

        app.MapPost("/api/members/{id:guid}/sessions/end", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new EndMemberSessions(id), ct)).ToHttp())
            .WithTags("Sessions")
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("EndMemberSessions");
        return app;
    }
}
