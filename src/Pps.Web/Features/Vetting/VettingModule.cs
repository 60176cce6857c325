using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Kvk;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

internal static class VettingModule
{
    public static IServiceCollection AddVetting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<VettingOptions>(configuration.GetSection(VettingOptions.Section));
        services.AddKvk(configuration);
        services.AddScoped<VettingEngine>();
        services.AddJob<VettingExpiryJob>();
        services.AddJob<VettingRecheckJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapVetting(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/vetting").WithTags("Vetting").RequireAuthorization(Policies.Member);
        g.MapGet("/me", async (IMediator m, CancellationToken ct) => (await m.Send(new GetMyVetting(), ct)).ToHttp()).WithName("GetMyVetting");
        g.MapGet("/queue", async (IMediator m, CancellationToken ct) => (await m.Send(new GetVettingQueue(), ct)).ToHttp()).WithName("GetVettingQueue");
        g.MapPost("/{memberId:guid}/verify", async (Guid memberId, VerifyBody body, IMediator m, CancellationToken ct)
                => (await m.Send(new VerifyMember(memberId, body.KvkNumber ?? "", body.BranchNumber ?? "", body.Street, body.HouseNumber, body.PostalCode, body.City, body.Note), ct)).ToHttp())
            .WithName("VerifyMember");
        g.MapPost("/{memberId:guid}/vouch", async (Guid memberId, IMediator m, CancellationToken ct) => (await m.Send(new VouchForMember(memberId), ct)).ToHttp())
            .WithName("VouchForMember");
        g.MapPost("/{memberId:guid}/confirm", async (Guid memberId, NoteBody? body, IMediator m, CancellationToken ct) => (await m.Send(new ConfirmVetting(memberId, body?.Note), ct)).ToHttp())
            .WithName("ConfirmVetting");
        g.MapPost("/{memberId:guid}/suspend", async (Guid memberId, ReasonBody body, IMediator m, CancellationToken ct) => (await m.Send(new SuspendMember(memberId, body.Reason ?? ""), ct)).ToHttp())
            .WithName("SuspendMember");
        g.MapGet("/{memberId:guid}/suspension", async (Guid memberId, IMediator m, CancellationToken ct) => (await m.Send(new GetSuspension(memberId), ct)).ToHttp())
            .WithName("GetSuspension");
        g.MapPost("/{memberId:guid}/lift-suspension", async (Guid memberId, NoteBody? body, IMediator m, CancellationToken ct) => (await m.Send(new LiftSuspension(memberId, body?.Note ?? ""), ct)).ToHttp())
            .WithName("LiftSuspension");
        return app;
    }

    internal sealed record VerifyBody(string? KvkNumber, string? BranchNumber, string? Street, string? HouseNumber, string? PostalCode, string? City, string? Note);

    internal sealed record NoteBody(string? Note);

    internal sealed record ReasonBody(string? Reason);
}
