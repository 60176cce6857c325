using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

/// <summary>The latest alerts the caller posted, with their acknowledgement counts, for the poster's overview.</summary>
public sealed record GetPostedAlerts(int Limit = 20) : IQuery<IReadOnlyList<PostedAlertRow>>;

public sealed record PostedAlertRow(Guid Id, long Sequence, string Title, string Severity, DateTimeOffset PostedAt, int Recipients, int Acknowledged);

internal sealed class GetPostedAlertsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetPostedAlerts, IReadOnlyList<PostedAlertRow>>
{
    public async ValueTask<IReadOnlyList<PostedAlertRow>> Handle(GetPostedAlerts q, CancellationToken ct)
    {
        var rows = await db.Alerts.Where(a => a.PostedBy == me.Id)
            .OrderByDescending(a => a.Sequence)
            .Take(Math.Clamp(q.Limit, 1, 100))
            .Select(a => new
            {
                a.Id, a.Sequence, a.Title, a.Severity, a.PostedAt,
                Recipients = db.AlertReceipts.Count(r => r.AlertId == a.Id),
                Acknowledged = db.AlertReceipts.Count(r => r.AlertId == a.Id && r.AcknowledgedAt != null),
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return rows.Select(a => new PostedAlertRow(a.Id, a.Sequence, a.Title, a.Severity.Name(), a.PostedAt, a.Recipients, a.Acknowledged)).ToArray();
    }
}
