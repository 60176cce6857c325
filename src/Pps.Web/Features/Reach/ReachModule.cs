using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Jobs;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Reach;

internal static class ReachModule
{
    public static IServiceCollection AddReach(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReachOptions>(configuration.GetSection(ReachOptions.Section));
        services.AddSingleton<VapidKeys>();
        services.AddScoped<PushSender>();
        services.AddTransient<VapidSigningHandler>();
        services.AddHttpClient(PushSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15)).AddHttpMessageHandler<VapidSigningHandler>();
        services.AddJob<RetryPushDeliveriesJob>();
        services.AddSingleton<PushDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PushDispatcher>());
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        services.AddHttpClient<ISmsGateway, HttpSmsGateway>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<SmsSender>();
        services.AddSingleton<SmsDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SmsDispatcher>());
        services.AddScoped<DigestComposer>();
        services.AddJob<SendDigestsJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapReach(this IEndpointRouteBuilder app)
    {
        var reach = app.MapGroup("/api/reach").WithTags("Reach").RequireAuthorization(Policies.Member);

        reach.MapGet("/vapid-public-key", async (VapidKeys keys, CancellationToken ct) => Results.Ok(new { publicKey = (await keys.GetAsync(ct)).PublicKey }))
            .WithName("GetVapidPublicKey");

        reach.MapGet("/push-subscriptions", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyPushSubscriptions(), ct)))
            .WithName("GetMyPushSubscriptions")
            .Produces<IReadOnlyList<PushSubscriptionView>>();

        reach.MapPost("/push-subscriptions", async (SubscribePush cmd, IMediator m, CancellationToken ct) =>
                (await m.Send(cmd, ct)).ToHttp("/api/reach/push-subscriptions"))
            .WithName("SubscribePush")
            .Produces<PushSubscriptionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        reach.MapDelete("/push-subscriptions", async (string? endpoint, IMediator m, CancellationToken ct) =>
                (await m.Send(new UnsubscribePush(endpoint), ct)).ToHttp())
            .WithName("UnsubscribePush")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        reach.MapGet("/preferences", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetReachPreferences(), ct)))
            .WithName("GetReachPreferences");
        reach.MapPut("/preferences", async (SetReachPreferences cmd, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(cmd, ct)))
            .WithName("SetReachPreferences")
            .ProducesValidationProblem();
        return app;
    }
}
