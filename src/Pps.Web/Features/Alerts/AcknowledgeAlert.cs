using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

/// <summary>The member confirms they have seen an alert. Not targeted at them: 404. A second time: no change.</summary>
public sealed record AcknowledgeAlert(Guid AlertId) : ICommand<Result<AlertMessage>>;

internal sealed class AcknowledgeAlertHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : ICommandHandler<AcknowledgeAlert, Result<AlertMessage>>
{
    public async ValueTask<Result<AlertMessage>> Handle(AcknowledgeAlert cmd, CancellationToken ct)
        => await ReceiptSteps.ApplyAsync(db, cmd.AlertId, me.Id, r => r.Acknowledge(clock.GetUtcNow()), ct);
}

/// <summary>The member opened an alert.</summary>
public sealed record MarkAlertRead(Guid AlertId) : ICommand<Result<AlertMessage>>;

internal sealed class MarkAlertReadHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : ICommandHandler<MarkAlertRead, Result<AlertMessage>>
{
    public async ValueTask<Result<AlertMessage>> Handle(MarkAlertRead cmd, CancellationToken ct)
        => await ReceiptSteps.ApplyAsync(db, cmd.AlertId, me.Id, r => r.MarkRead(clock.GetUtcNow()), ct);
}

/// <summary>A client of the member received an alert (pushed or caught up).</summary>
public sealed record MarkAlertDelivered(Guid AlertId) : ICommand<Result<AlertMessage>>;

/// <remarks>Written in batches with other members' delivery receipts (<see cref="AlertDeliveryBatcher"/>).</remarks>
internal sealed class MarkAlertDeliveredHandler(AlertDeliveryBatcher batcher, ICurrentMember me) : ICommandHandler<MarkAlertDelivered, Result<AlertMessage>>
{
    public async ValueTask<Result<AlertMessage>> Handle(MarkAlertDelivered cmd, CancellationToken ct)
        => await batcher.MarkDeliveredAsync(cmd.AlertId, me.Id, ct) is { } message
            ? Result<AlertMessage>.Ok(message)
            : Result<AlertMessage>.NotFound();
}

internal static class ReceiptSteps
{
    /// <summary>Changes only the caller's own receipt; the poster hears of it only when something changed.</summary>
    public static async Task<Result<AlertMessage>> ApplyAsync(PpsDb db, Guid alertId, Guid memberId, Func<AlertReceipt, bool> step, CancellationToken ct)
    {
        var receipt = await db.AlertReceipts.SingleOrDefaultAsync(r => r.AlertId == alertId && r.MemberId == memberId, ct);
        if (receipt is null)
        {
            return Result<AlertMessage>.NotFound();
        }

        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId, ct);
        if (step(receipt))
        {
            db.Raise(new AlertReceiptsChanged(alertId, receipt.TenantId));
            await db.SaveChangesAsync(ct);
        }

        return Result<AlertMessage>.Ok(alert.ToMessage(receipt));
    }
}

/// <summary>The alerts page rendered these alerts for the member: they reached a client.</summary>
public sealed record MarkAlertsShown(IReadOnlyList<Guid> AlertIds) : ICommand<int>;

internal sealed class MarkAlertsShownHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : ICommandHandler<MarkAlertsShown, int>
{
    public async ValueTask<int> Handle(MarkAlertsShown cmd, CancellationToken ct)
    {
        var ids = cmd.AlertIds.Take(500).ToArray();
        var receipts = await db.AlertReceipts.Where(r => r.MemberId == me.Id && ids.Contains(r.AlertId) && r.DeliveredAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var r in receipts.Where(r => r.MarkDelivered(now)))
        {
            db.Raise(new AlertReceiptsChanged(r.AlertId, r.TenantId));
        }

        await db.SaveChangesAsync(ct);
        return receipts.Count;
    }
}
