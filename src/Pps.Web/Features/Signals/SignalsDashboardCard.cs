using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>
/// "What is new" on the dashboard: for a reporter, their own reports that wait for an answer or changed status; for a
/// signals handler, the number of cases not yet picked up. Only references and statuses, never descriptions.
/// </summary>
internal sealed class SignalsDashboardCard(PpsDb db, ICurrentMember me, IStringLocalizer<SignalsText> text) : IDashboardCard
{
    public int Order => 50;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (!me.IsAuthenticated || me.TenantId is null)
        {
            return null;
        }

        var items = new List<DashboardItem>();
        int? count = null;
        if (me.IsInRole(Infrastructure.Auth.Roles.Signals))
        {
            var received = await db.Signals.CountAsync(s => s.Route == SignalRoute.Signal && s.Status == SignalStatus.Received, ct);
            count = received;
            items.Add(new DashboardItem(text["DashboardNewCases", received], "/Signals?status=Received", Tone: received > 0 ? "warning" : null));
        }

        var mine = await db.Signals.Where(s => s.ReporterId == me.Id && s.Status != SignalStatus.Closed)
            .OrderByDescending(s => s.ReceivedAt).Take(5)
            .Select(s => new { s.Reference, s.Status }).ToListAsync(ct);
        foreach (var s in mine)
        {
            items.Add(new DashboardItem($"{s.Reference}: {text["Status_" + s.Status]}", "/Signals/Mine", Tone: s.Status == SignalStatus.WaitingForReporter ? "urgent" : null));
        }

        return new DashboardCardModel("signals", text["DashboardTitle"], null, items, "/Signals/Report", text["NewReport"], count, text["DashboardEmpty"]);
    }
}
