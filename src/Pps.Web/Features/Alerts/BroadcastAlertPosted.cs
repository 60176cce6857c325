using Mediator;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Live;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// Pushes a new alert to each recipient's own group. Recipients were resolved from the database under the
/// tenant and estate rules, so sending per member can never reach someone the alert was not for.
/// </summary>
internal sealed class BroadcastAlertPosted(IHubContext<LiveHub, ILiveClient> hub) : INotificationHandler<AlertPosted>
{
    public async ValueTask Handle(AlertPosted e, CancellationToken ct)
    {
        if (e.Recipients.Count == 0)
        {
            return;
        }

        var groups = e.Recipients.Select(LiveGroups.Member).ToArray();
        await hub.Clients.Groups(groups).AlertPosted(e.Message);
    }
}
