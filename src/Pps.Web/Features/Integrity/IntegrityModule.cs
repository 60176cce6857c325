using Mediator;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Integrity;

/// <summary>
/// The improper-influence route: the same case handling as signals, on its own desk (<c>/api/integrity</c>), readable only
/// by the integrity officer role. Signals handlers get a 404 for these cases and vice versa.
/// </summary>
internal static class IntegrityModule
{
    public static IEndpointRouteBuilder MapIntegrity(this IEndpointRouteBuilder app)
    {
        var integrity = app.MapGroup("/api/integrity").WithTags("Integrity");
        integrity.MapGet("/categories", () => Results.Ok(SignalCategories.Integrity.Select(c => new { c.Code, c.GroupCode, Group = c.GroupLabel(), Label = c.Label() })))
            .RequireAuthorization(Policies.Member).WithName("GetIntegrityCategories");
        integrity.MapPost("/", (HttpContext http, IMediator m, CancellationToken ct) => SignalsModule.ReportAsync(http, m, SignalRoute.Integrity, null, ct))
            .RequireAuthorization(Policies.Member).WithName("ReportImproperInfluence");
        integrity.MapPost("/anonymous", (HttpContext http, IMediator m, AnonymousRateLimits limits, CancellationToken ct) => SignalsModule.ReportAnonymouslyAsync(http, m, limits, SignalRoute.Integrity, ct))
            .AllowAnonymous().WithName("ReportImproperInfluenceAnonymously");
        SignalsModule.MapDesk(integrity, SignalRoute.Integrity, Policies.IntegrityOfficer);
        return app;
    }
}
