using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Retries push deliveries the push service asked to repeat (429/5xx) once their back-off has passed, and sends any
/// first attempt the dispatcher of another instance (or one that stopped) did not get to.
/// </summary>
internal sealed class RetryPushDeliveriesJob(PushSender sender) : IJob
{
    public static string Name => "reach.push-retry";

    public static TimeSpan Interval => TimeSpan.FromSeconds(15);

    public Task RunAsync(CancellationToken ct) => sender.SendDueAsync(ct);
}
