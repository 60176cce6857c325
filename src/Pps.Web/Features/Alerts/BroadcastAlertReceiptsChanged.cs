using System.Collections.Concurrent;
using System.Threading.Channels;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// A receipt change only marks its alert as dirty. Thousands of recipients reporting delivery within seconds must
/// not each reload and push the whole receipt list (that was N × N rows); <see cref="AlertReceiptBroadcaster"/>
/// summarises each dirty alert once per interval instead.
/// </summary>
/// <remarks>
/// It also keeps the listener away from the request's <see cref="PpsDb"/>: after-commit events can run while EF is
/// still finishing its own SaveChanges transaction, and a query on that context then fails with "The transaction
/// object is not associated with the same connection object as this command".
/// </remarks>
internal sealed class BroadcastAlertReceiptsChanged(AlertReceiptCoalescer coalescer) : INotificationHandler<AlertReceiptsChanged>
{
    public ValueTask Handle(AlertReceiptsChanged e, CancellationToken ct)
    {
        coalescer.MarkDirty(e.AlertId, e.TenantId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The alerts whose receipts changed in this instance since the last broadcast pass.</summary>
internal sealed class AlertReceiptCoalescer
{
    private readonly ConcurrentDictionary<Guid, Guid> _dirty = new();

    // One pending nudge is enough: a pass takes everything dirty, including what arrived while it waited.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void MarkDirty(Guid alertId, Guid tenantId)
    {
        _dirty[alertId] = tenantId;
        _wake.Writer.TryWrite(true);
    }

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _wake.Reader.WaitToReadAsync(ct);

    /// <summary>Takes the dirty alerts; a change marked after this is left for the next pass.</summary>
    public IReadOnlyList<(Guid AlertId, Guid TenantId)> Take()
    {
        _wake.Reader.TryRead(out _);
        var taken = new List<(Guid, Guid)>();
        foreach (var alertId in _dirty.Keys)
        {
            if (_dirty.TryRemove(alertId, out var tenantId))
            {
                taken.Add((alertId, tenantId));
            }
        }

        return taken;
    }
}

/// <summary>
/// Pushes fresh receipt summaries to the poster and to the municipal staff of the tenant, who may watch any alert:
/// at most once per <see cref="AlertsOptions.ReceiptSummaryInterval"/> per alert. Each instance broadcasts what its
/// own requests changed; the SignalR backplane carries it to connections on other instances.
/// </summary>
/// <remarks>
/// The wait uses the injected <see cref="TimeProvider"/>, so tests drive a pass by moving the fake clock. Like
/// <c>PushDispatcher</c> it runs also when timer jobs are off: it acts only on changes made in this process.
/// </remarks>
internal sealed class AlertReceiptBroadcaster(
    AlertReceiptCoalescer coalescer,
    IServiceScopeFactory scopes,
    IHubContext<LiveHub, ILiveClient> hub,
    TimeProvider clock,
    IOptions<AlertsOptions> options,
    ILogger<AlertReceiptBroadcaster> log) : BackgroundService
{
    private long _summaries;

    /// <summary>How many summaries this instance computed and sent; lets tests see the coalescing without timing.</summary>
    public long Summaries => Interlocked.Read(ref _summaries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await coalescer.WaitAsync(stoppingToken))
            {
                var interval = options.Value.ReceiptSummaryInterval;
                if (interval > TimeSpan.Zero)
                {
                    // Changes arriving during the wait join this pass.
                    await Task.Delay(interval, clock, stoppingToken);
                }

                await PassAsync(coalescer.Take(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PassAsync(IReadOnlyList<(Guid AlertId, Guid TenantId)> dirty, CancellationToken ct)
    {
        if (dirty.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        foreach (var (alertId, tenantId) in dirty)
        {
            try
            {
                var posterId = await db.Alerts.IgnoreQueryFilters().Where(a => a.Id == alertId).Select(a => (Guid?)a.PostedBy).SingleOrDefaultAsync(ct);
                if (posterId is null)
                {
                    continue;
                }

                var summary = await GetAlertReceiptsHandler.SummariseAsync(db, alertId, ct);
                Interlocked.Increment(ref _summaries);
                var groups = Roles.Staff.Select(r => LiveGroups.Role(tenantId, r)).Append(LiveGroups.Member(posterId.Value)).ToArray();
                await hub.Clients.Groups(groups).AlertReceiptChanged(summary);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The receipts are stored; the page shows them on the next change or reload.
                log.LogError(ex, "Receipt summary for alert {AlertId} failed", alertId);
            }
        }
    }
}
