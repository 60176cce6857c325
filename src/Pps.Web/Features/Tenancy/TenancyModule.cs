using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc;
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
        organisations.MapGet("/", async (Guid? tenantId, string? kind, string? q, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetOrganisations(tenantId, kind, q, page ?? 1, pageSize ?? GetOrganisations.DefaultPageSize), ct)).ToHttp())
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("GetOrganisations");
        organisations.MapPut("/{id:guid}", async (Guid id, CreateOrganisation body, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateOrganisation(id, body.Kind, body.Name, body.KvkNumber, body.BranchNumber, body.SbiCode, body.Activity,
                    body.Department, body.PartnerKind, body.EstateId, body.Email, body.Phone), ct)).ToHttp())
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("UpdateOrganisation");

        // Not on the estates group above: its Member policy needs a tenant, and the platform administrator has none.
        var estateAdmin = app.MapGroup("/api/estates").WithTags("Tenancy").RequireAuthorization(Policies.TenantAdmin);
        estateAdmin.MapPost("/", async (EstateBody body, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new CreateEstate(body.TenantId, body.Name ?? "", body.Slug ?? "", body.OutlineText()), ct);
                return r.ToHttp(r.Value is { } e ? $"/api/estates/{e.Id}" : null);
            })
            .WithMetadata(new RequestSizeLimitAttribute(EstateOutline.MaxBytes + (16 * 1024)))
            .WithName("CreateEstate");
        estateAdmin.MapPut("/{id:guid}", async (Guid id, EstateBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateEstate(id, body.Name ?? "", body.OutlineText()), ct)).ToHttp())
            .WithMetadata(new RequestSizeLimitAttribute(EstateOutline.MaxBytes + (16 * 1024)))
            .WithName("UpdateEstate");

        var tenants = app.MapGroup("/api/admin/tenants").WithTags("Tenancy").RequireAuthorization(Policies.PlatformAdmin);
        tenants.MapGet("/", async (IMediator m, CancellationToken ct) => (await m.Send(new GetTenants(), ct)).ToHttp())
            .WithName("GetTenants");
        tenants.MapPost("/", async (CreateTenant cmd, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(cmd, ct);
                return r.ToHttp(r.Value is { } t ? $"/api/admin/tenants/{t.Id}" : null);
            })
            .WithName("CreateTenant");

        var roles = app.MapGroup("/api/members/{id:guid}/roles").WithTags("Tenancy").RequireAuthorization(Policies.TenantAdmin);
        roles.MapPost("/", async (Guid id, RoleBody body, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new AssignRole(id, body.Role ?? "", body.EstateId), ct);
                return r.ToHttp(r.Value is { } a ? $"/api/members/{id}/roles/{a.Id}" : null);
            })
            .WithName("AssignRole");
        roles.MapDelete("/{assignmentId:guid}", async (Guid id, Guid assignmentId, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(new RevokeRole(id, assignmentId), ct);
                return r.IsSuccess ? Results.NoContent() : r.ToHttp();
            })
            .WithName("RevokeRole");
        return app;
    }

    /// <summary>An estate as the API receives it: the outline as a GeoJSON object or as GeoJSON text in a string.</summary>
    internal sealed record EstateBody(Guid? TenantId, string? Name, string? Slug, JsonElement? Outline)
    {
        public string? OutlineText() => Outline switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { } other => other.GetRawText(),
        };
    }

    internal sealed record RoleBody(string? Role, Guid? EstateId);
}
