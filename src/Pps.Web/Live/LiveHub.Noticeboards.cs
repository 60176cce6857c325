using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Features.Noticeboards;

namespace Pps.Web.Live;

public sealed partial class LiveHub
{
    /// <summary>Joins the group of a board the member may read; refused (as "not found") otherwise.</summary>
    public async Task JoinBoard(Guid boardId, [FromServices] BoardViews views)
    {
        var board = await views.ReadableBoardAsync(boardId, Context.ConnectionAborted);
        if (board is null || me.TenantId is not { } tenantId)
        {
            throw new HubException("Board not found.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Board(tenantId, board.Id));
    }

    public async Task LeaveBoard(Guid boardId)
    {
        if (me.TenantId is { } tenantId)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Board(tenantId, boardId));
        }
    }
}
