using System.Threading.Channels;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Sends new push deliveries promptly, outside the request that posted the alert: a slow or hanging push service
/// must never hold up <c>POST /api/alerts</c>. <see cref="Wake"/> only nudges; the rows in the database are the
/// work, so a nudge lost at shutdown is made good by <see cref="RetryPushDeliveriesJob"/>.
/// </summary>
/// <remarks>
/// Unlike the timer jobs this runs also when <c>Pps:RunBackgroundJobs</c> is off (tests): it acts only on alerts
/// posted in this process, never on the clock, so it stays deterministic under a fake clock.
/// </remarks>
internal sealed class PushDispatcher(IServiceScopeFactory scopes, ILogger<PushDispatcher> log) : BackgroundService
{
    // One pending nudge is enough: a pass sends everything due, including what arrived while it ran.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
                    await scope.ServiceProvider.GetRequiredService<PushSender>().SendDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(ex, "Push dispatch failed; the retry job picks the deliveries up");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
