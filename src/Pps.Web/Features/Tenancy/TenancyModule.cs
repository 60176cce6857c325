using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

internal static class TenancyModule
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<DemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapTenancy(this IEndpointRouteBuilder app)
    {
        var estates = app.MapGroup("/api/estates").WithTags("Tenancy").RequireAuthorization(Policies.Member);
        estates.MapGet("/", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetEstates(), ct)))
            .WithName("GetEstates");
        estates.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetEstate(id), ct)).ToHttp())
            .WithName("GetEstate");

        var units = app.MapGroup("/api/units").WithTags("Tenancy");
        units.MapPost("/", async (CreateUnit cmd, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(cmd, ct);
                return r.ToHttp(r.Value is { } u ? $"/api/units/{u.Id}" : null);
            })
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateUnit");

        var organisations = app.MapGroup("/api/organisations").WithTags("Tenancy");
        organisations.MapPost("/", async (CreateOrganisation cmd, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(cmd, ct);
                return r.ToHttp(r.Value is { } o ? $"/api/organisations/{o.Id}" : null);
            })
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateOrganisation");
        return app;
    }
}
