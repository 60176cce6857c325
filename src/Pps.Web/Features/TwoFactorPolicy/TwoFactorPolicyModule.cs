using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.TwoFactorPolicy;

internal static class TwoFactorPolicyModule
{
    public static IServiceCollection AddTwoFactorPolicy(this IServiceCollection services)
    {
        services.AddScoped<Dashboard.IDashboardCard, TwoFactorReminderCard>();
        return services;
    }

    public static IEndpointRouteBuilder MapTwoFactorPolicy(this IEndpointRouteBuilder app)
    {
        // Another tenant's policy is "not found" for a tenant administrator (the handler decides).
        var policy = app.MapGroup("/api/tenants/{tenantId:guid}/two-factor-policy").WithTags("Tenancy").RequireAuthorization(Policies.TenantAdmin);
        policy.MapGet("/", async (Guid tenantId, IMediator m, CancellationToken ct) => (await m.Send(new GetTwoFactorPolicy(tenantId), ct)).ToHttp())
            .WithName("GetTwoFactorPolicy");
        policy.MapPut("/", async (Guid tenantId, TwoFactorPolicyBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ChangeTwoFactorPolicy(tenantId, body.Requirement, body.GraceDays), ct)).ToHttp())
            .WithName("ChangeTwoFactorPolicy");
        return app;
    }

    internal sealed record TwoFactorPolicyBody(TwoFactorRequirement? Requirement, int? GraceDays);
}
