using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// Catch-up after a (re)connect: every alert targeted at the caller with a sequence above
/// <paramref name="AfterSequence"/>, oldest first, each once; they count as delivered from now on.
/// </summary>
public sealed record GetMissedAlerts(long AfterSequence, bool MarkDelivered) : ICommand<IReadOnlyList<AlertMessage>>;

internal sealed class GetMissedAlertsHandler(PpsDb db, ICurrentMember me, AlertDeliveryBatcher batcher) : ICommandHandler<GetMissedAlerts, IReadOnlyList<AlertMessage>>
{
    /// <summary>A catch-up answers at most this many; the client asks again from the last sequence it got.</summary>
    public const int PageSize = 500;

    public async ValueTask<IReadOnlyList<AlertMessage>> Handle(GetMissedAlerts q, CancellationToken ct)
    {
        var rows = await (from r in db.AlertReceipts
                          join a in db.Alerts on r.AlertId equals a.Id
                          where r.MemberId == me.Id && r.Sequence > q.AfterSequence
                          orderby r.Sequence
                          select new { Receipt = r, Alert = a })
            .Take(PageSize)
            .ToListAsync(ct);
        if (q.MarkDelivered)
        {
            // With the other members' delivery receipts, one transaction per batch: thousands of clients catching up
            // after a restart each wrote their own, queueing for SQLite's one write lock (live-profile.md, scenario 5).
            await Task.WhenAll(rows.Where(row => row.Receipt.DeliveredAt is null)
                .Select(row => batcher.MarkDeliveredAsync(row.Alert.Id, me.Id, ct)));
        }

        return rows.Select(r => r.Alert.ToMessage(r.Receipt)).ToArray();
    }
}
