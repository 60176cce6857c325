using Mediator;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Idempotency;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

internal static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertsOptions>(configuration.GetSection(AlertsOptions.Section));
        services.AddScoped<AlertAckTokens>();
        services.AddScoped<IDashboardCard, AlertsCard>();
        services.AddJob<EscalateUnacknowledgedAlertsJob>();
        services.AddSingleton<AlertReceiptCoalescer>();
        services.AddSingleton<AlertReceiptBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertReceiptBroadcaster>());
        services.AddSingleton<AlertDeliveryBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertDeliveryBatcher>());
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Policies.Member);

        alerts.MapPost("/", async (PostAlert cmd, IMediator m, CancellationToken ct) =>
            {
                var r = await m.Send(cmd, ct);
                return r.ToHttp(r.Value is { } a ? $"/api/alerts/{a.Id}" : null);
            })
            .WithName("PostAlert")
            .WithIdempotency()
            .Produces<AlertDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        alerts.MapGet("/", async (long? after, int? limit, IMediator m, CancellationToken ct)
                => Results.Ok(await m.Send(new GetMyAlerts(after, limit ?? 100), ct)))
            .WithName("GetAlerts")
            .Produces<IReadOnlyList<AlertMessage>>();

        alerts.MapGet("/preferences", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetAlertPreferences(), ct)))
            .WithName("GetAlertPreferences");
        alerts.MapPut("/preferences", async (SetAlertPreferences cmd, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(cmd, ct)))
            .WithName("SetAlertPreferences")
            .ProducesValidationProblem();

        alerts.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetAlert(id), ct)).ToHttp())
            .WithName("GetAlert")
            .Produces<AlertView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        alerts.MapPost("/{id:guid}/acknowledgement", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new AcknowledgeAlert(id), ct)).ToHttp())
            .WithName("AcknowledgeAlert")
            .Produces<AlertMessage>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        alerts.MapPost("/{id:guid}/read", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new MarkAlertRead(id), ct)).ToHttp())
            .WithName("MarkAlertRead")
            .Produces<AlertMessage>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        alerts.MapGet("/{id:guid}/receipts", async (Guid id, IMediator m, CancellationToken ct) => (await m.Send(new GetAlertReceipts(id), ct)).ToHttp())
            .WithName("GetAlertReceipts")
            .Produces<AlertReceiptSummary>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
