using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Audit;

internal static class AuditViewerModule
{
    public static IServiceCollection AddAuditViewer(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAuditViewer(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditReader);
        audit.MapGet("/", async (string? actor, string? action, string? @object, string? from, string? to, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetAuditLog(new AuditFilter(actor, action, @object, from, to), page ?? 1, pageSize ?? GetAuditLog.DefaultPageSize), ct)).ToHttp())
            .WithName("GetAuditLog");
        audit.MapGet("/export.csv", async (string? actor, string? action, string? @object, string? from, string? to, IMediator m, CancellationToken ct) =>
            {
                var result = await m.Send(new ExportAuditLog(new AuditFilter(actor, action, @object, from, to)), ct);
                return result.Value is { } csv
                    ? Results.File(csv, "text/csv; charset=utf-8", "audit.csv")
                    : result.ToHttp();
            })
            .WithName("ExportAuditLog");
        return app;
    }
}
