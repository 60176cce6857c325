using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

internal static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddScoped<DirectorySearch>();
        services.AddJob<DirectoryIndexJob>();
        services.AddJob<AnonymitySnapshotJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/directory").WithTags("Directory").RequireAuthorization(Policies.Member);
        g.MapGet("/", async (Guid? estateId, string? q, int? page, IMediator m, CancellationToken ct)
            => (await m.Send(new GetDirectory(estateId, q, page ?? 1), ct)).ToHttp()).WithName("GetDirectory");
        g.MapGet("/members/{memberId:guid}", async (Guid memberId, IMediator m, CancellationToken ct)
            => (await m.Send(new GetDirectoryMember(memberId), ct)).ToHttp()).WithName("GetDirectoryMember");
        g.MapGet("/views", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetDirectoryViews(), ct))).WithName("GetDirectoryViews");
        g.MapGet("/consent", async (IMediator m, CancellationToken ct) => (await m.Send(new GetDirectoryConsent(), ct)).ToHttp()).WithName("GetDirectoryConsent");
        g.MapPut("/consent", async (SetDirectoryConsent cmd, IMediator m, CancellationToken ct) => (await m.Send(cmd, ct)).ToHttp()).WithName("SetDirectoryConsent");

        app.MapGroup("/api/anonymity").WithTags("Directory").RequireAuthorization(Policies.Member)
            .MapGet("/", async (Guid? estateId, IMediator m, CancellationToken ct) => (await m.Send(new GetAnonymity(estateId), ct)).ToHttp())
            .WithName("GetAnonymity");
        return app;
    }
}
