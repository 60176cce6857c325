using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Live;

/// <summary>
/// The one hub at <c>/hubs/live</c>. It only joins groups on connect and answers catch-up questions; writes
/// go through HTTP, broadcasts happen in event handlers. Capabilities add hub methods in partial files
/// (<c>Live/LiveHub.Alerts.cs</c>), each with its policy.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed partial class LiveHub(ICurrentMember me) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        if (me.TenantId is not { } tenantId)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Tenant(tenantId));
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Member(me.Id));
        foreach (var estateId in me.Estates)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Estate(tenantId, estateId));
        }

        foreach (var role in Roles.TenantRoles.Where(me.IsInRole))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Role(tenantId, role));
        }

        await base.OnConnectedAsync();
    }
}
