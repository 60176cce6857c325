using Mediator;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Onboarding;

internal static class OnboardingModule
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddScoped<IDashboardCard, OnboardingCard>();
        return services;
    }

    public static IEndpointRouteBuilder MapOnboarding(this IEndpointRouteBuilder app)
    {
        var onboarding = app.MapGroup("/api/onboarding").WithTags("Onboarding");
        onboarding.MapGet("/me", async (IMediator m, CancellationToken ct) => (await m.Send(new GetMyOnboarding(), ct)).ToHttp())
            .RequireAuthorization(Policies.Member)
            .WithName("GetMyOnboarding");
        onboarding.MapGet("/funnel", async (Guid? estateId, IMediator m, CancellationToken ct) =>
                estateId is { } e
                    ? (await m.Send(new GetOnboardingFunnel(e), ct)).ToHttp()
                    : Results.ValidationProblem(new Dictionary<string, string[]> { ["estateId"] = ["Choose an estate."] }))
            .RequireAuthorization(AwarenessModule.OversightPolicy)
            .WithName("GetOnboardingFunnel");
        onboarding.MapPost("/{memberId:guid}/met-association", async (Guid memberId, IMediator m, CancellationToken ct) =>
                (await m.Send(new RecordAssociationMeeting(memberId), ct)).ToHttp())
            .RequireAuthorization(AwarenessModule.OversightPolicy)
            .WithName("RecordAssociationMeeting");
        return app;
    }
}
