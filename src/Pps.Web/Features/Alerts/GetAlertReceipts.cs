using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

/// <summary>Delivered/read/acknowledged counts and who has not acknowledged: for the poster and municipal staff.</summary>
public sealed record GetAlertReceipts(Guid AlertId) : IQuery<Result<AlertReceiptSummary>>;

internal sealed class GetAlertReceiptsHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetAlertReceipts, Result<AlertReceiptSummary>>
{
    public async ValueTask<Result<AlertReceiptSummary>> Handle(GetAlertReceipts q, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == q.AlertId, ct);
        if (alert is null)
        {
            return Result<AlertReceiptSummary>.NotFound();
        }

        if (!me.MaySeeReceipts(alert))
        {
            // A recipient may know the alert exists, so this is a plain refusal rather than a 404.
            var targeted = await db.AlertReceipts.AnyAsync(r => r.AlertId == alert.Id && r.MemberId == me.Id, ct);
            return targeted ? Result<AlertReceiptSummary>.Forbidden("Only the poster and municipal staff see receipts.") : Result<AlertReceiptSummary>.NotFound();
        }

        var summary = await SummariseAsync(db, alert.Id, ct);
        // Who has (not) read a safety alert is personal data: reads are audited like other personal-data reads.
        await audit.WriteAsync("alert.receipts-viewed", $"alert:{alert.Id}", detail: $"recipients={summary.Recipients}", ct: ct);
        return Result<AlertReceiptSummary>.Ok(summary);
    }

    internal static async Task<AlertReceiptSummary> SummariseAsync(PpsDb db, Guid alertId, CancellationToken ct)
    {
        var rows = await (from r in db.AlertReceipts.IgnoreQueryFilters()
                          join m in db.Members.IgnoreQueryFilters() on r.MemberId equals m.Id
                          where r.AlertId == alertId
                          select new { r.MemberId, m.DisplayName, r.DeliveredAt, r.ReadAt, r.AcknowledgedAt })
            .AsNoTracking()
            .ToListAsync(ct);
        return new AlertReceiptSummary(
            alertId,
            rows.Count,
            rows.Count(r => r.DeliveredAt != null),
            rows.Count(r => r.ReadAt != null),
            rows.Count(r => r.AcknowledgedAt != null),
            rows.Where(r => r.AcknowledgedAt == null)
                .OrderBy(r => r.DisplayName, StringComparer.CurrentCulture)
                .Select(r => new AlertRecipient(r.MemberId, r.DisplayName, r.DeliveredAt, r.ReadAt, r.AcknowledgedAt))
                .ToArray());
    }
}
