using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// Writes delivery receipts (<see cref="MarkAlertDelivered"/>) in batches: one transaction for every receipt that
/// arrived while the previous batch was being written, instead of one transaction per receipt. An alert pushed to
/// 5,000 members is answered by 5,000 <c>AlertDelivered</c> calls within a second or two; on SQLite each of those
/// transactions queued for the one write lock, and Microsoft.Data.Sqlite waits for a busy lock with
/// <c>Thread.Sleep</c>, so the thread pool of a one- or two-core server starved and reconnecting clients, catch-ups and
/// the next alert's POST waited behind it (found in the reconnect storm, docs/benchmarks/live-profile.md).
/// Each caller still gets its own answer only after its receipt is committed, so what a client learns is unchanged.
/// </summary>
internal sealed class AlertDeliveryBatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AlertDeliveryBatcher> log) : BackgroundService
{
    /// <summary>At most this many receipts per transaction (and per query's IN list).</summary>
    public const int MaxBatch = 500;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Marks the member's receipt of the alert delivered; null when the alert is not targeted at the member.</summary>
    public Task<AlertMessage?> MarkDeliveredAsync(Guid alertId, Guid memberId, CancellationToken ct)
    {
        var pending = new Pending(alertId, memberId, new TaskCompletionSource<AlertMessage?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The hub is shutting down.");
        }

        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
                {
                    batch.Add(p);
                }

                try
                {
                    await WriteAsync(batch, stoppingToken);
                }
                catch (Exception ex)
                {
                    if (ex is not OperationCanceledException)
                    {
                        log.LogWarning(ex, "Could not write {Count} delivery receipts", batch.Count);
                    }

                    foreach (var p in batch)
                    {
                        p.Done.TrySetException(ex);
                    }
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var p))
            {
                p.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The member id in every pair is the caller's own (the hub's ICurrentMember), so a receipt is only ever the
        // caller's; the pairs of one batch may come from several tenants.
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var alertIds = batch.Select(p => p.AlertId).Distinct().ToArray();
        var memberIds = batch.Select(p => p.MemberId).Distinct().ToArray();
        // Read untracked (for the answers), then one UPDATE per alert for the receipts still undelivered: tracking 500
        // receipts and writing 500 UPDATE statements was a quarter of a one-core hub's time while alerts went out. The
        // reads stay outside the transaction, so on SQLite it begins with its first write (never a read snapshot that
        // must be upgraded to the write lock); "DeliveredAt IS NULL" keeps a receipt marked meanwhile as it was.
        var receipts = (await db.AlertReceipts.AsNoTracking()
                .Where(r => alertIds.Contains(r.AlertId) && memberIds.Contains(r.MemberId))
                .ToListAsync(ct))
            .ToDictionary(r => (r.AlertId, r.MemberId));
        var alerts = await db.Alerts.AsNoTracking().Where(a => alertIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var now = clock.GetUtcNow();
        // Only the exact (alert, member) pairs asked for: never another alert's receipt of the same member.
        var due = batch
            .Select(p => receipts.GetValueOrDefault((p.AlertId, p.MemberId)))
            .Where(r => r is not null && r.MarkDelivered(now))
            .Select(r => r!)
            .GroupBy(r => r.AlertId)
            .ToList();
        if (due.Count > 0)
        {
            await using var tx = await db.BeginTransactionAsync(ct);
            foreach (var alert in due)
            {
                var dueMembers = alert.Select(r => r.MemberId).ToArray();
                await db.AlertReceipts
                    .Where(r => r.AlertId == alert.Key && dueMembers.Contains(r.MemberId) && r.DeliveredAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeliveredAt, now), ct);
                db.Raise(new AlertReceiptsChanged(alert.Key, alert.First().TenantId));
            }

            await tx.CommitAsync(ct);
        }

        foreach (var p in batch)
        {
            p.Done.TrySetResult(receipts.TryGetValue((p.AlertId, p.MemberId), out var receipt) && alerts.TryGetValue(p.AlertId, out var alert)
                ? alert.ToMessage(receipt)
                : null);
        }
    }

    private sealed record Pending(Guid AlertId, Guid MemberId, TaskCompletionSource<AlertMessage?> Done);
}
