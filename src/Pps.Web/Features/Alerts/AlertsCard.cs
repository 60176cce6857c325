using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

/// <summary>Dashboard: alerts the member has not read or not yet acknowledged.</summary>
internal sealed class AlertsCard(PpsDb db, ICurrentMember me, TimeProvider clock, IStringLocalizer<AlertsText> t) : IDashboardCard
{
    public int Order => 10;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var open = await (from r in db.AlertReceipts
                          join a in db.Alerts on r.AlertId equals a.Id
                          where r.MemberId == me.Id && (a.ExpiresAt == null || a.ExpiresAt > now)
                                && (r.ReadAt == null || (a.RequiresAcknowledgement && r.AcknowledgedAt == null))
                          orderby r.Sequence descending
                          select new { a.Id, a.Title, a.Severity, a.RequiresAcknowledgement, r.AcknowledgedAt })
            .AsNoTracking()
            .Take(50)
            .ToListAsync(ct);
        var items = open
            .OrderByDescending(a => a.Severity)
            .Take(5)
            .Select(a => new DashboardItem(
                a.Title,
                $"/Alerts/{a.Id}",
                a.RequiresAcknowledgement && a.AcknowledgedAt is null ? t["AcknowledgementNeeded"] : t["Unread"],
                a.Severity.Name()))
            .ToArray();
        return new DashboardCardModel("alerts", t["Alerts"], null, items, "/Alerts", t["AllAlerts"], open.Count, t["NoOpenAlerts"]);
    }
}
