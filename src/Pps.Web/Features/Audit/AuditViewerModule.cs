namespace Pps.Web.Features.Audit;

internal static class AuditViewerModule
{
    public static IServiceCollection AddAuditViewer(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAuditViewer(this IEndpointRouteBuilder app) => app;
}
