using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Features.Alerts;

/// <summary>Pushes fresh receipt counts to the poster and to the municipal staff of the tenant, who may watch any alert.</summary>
internal sealed class BroadcastAlertReceiptsChanged(IHubContext<LiveHub, ILiveClient> hub, PpsDb db) : INotificationHandler<AlertReceiptsChanged>
{
    public async ValueTask Handle(AlertReceiptsChanged e, CancellationToken ct)
    {
        var posterId = await db.Alerts.IgnoreQueryFilters().Where(a => a.Id == e.AlertId).Select(a => (Guid?)a.PostedBy).SingleOrDefaultAsync(ct);
        if (posterId is null)
        {
            return;
        }

        var summary = await GetAlertReceiptsHandler.SummariseAsync(db, e.AlertId, ct);
        var groups = Roles.Staff.Select(r => LiveGroups.Role(e.TenantId, r)).Append(LiveGroups.Member(posterId.Value)).ToArray();
        await hub.Clients.Groups(groups).AlertReceiptChanged(summary);
    }
}
