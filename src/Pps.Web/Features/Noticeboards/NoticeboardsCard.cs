using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

/// <summary>Dashboard: the newest unread posts on the member's boards.</summary>
internal sealed class NoticeboardsCard(IMediator mediator, PpsDb db, ICurrentMember me, IStringLocalizer<NoticeboardsText> text) : IDashboardCard
{
    public int Order => 30;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null)
        {
            return null;
        }

        var boards = await mediator.Send(new GetBoards(), ct);
        if (boards.Count == 0)
        {
            return null;
        }

        var ids = boards.Select(b => b.Id).ToList();
        var marks = await db.BoardReadMarks.Where(m => m.MemberId == me.Id && ids.Contains(m.BoardId)).ToDictionaryAsync(m => m.BoardId, m => m.LastReadAt, ct);
        var candidates = await db.Posts
            .Where(p => ids.Contains(p.BoardId) && p.HiddenAt == null && p.AuthorId != me.Id)
            .OrderByDescending(p => p.CreatedAt).Take(50)
            .Select(p => new { p.Id, p.BoardId, p.Title, p.CreatedAt, p.Tag })
            .ToListAsync(ct);
        var names = boards.ToDictionary(b => b.Id, b => b.Name);
        var items = candidates
            .Where(p => !marks.TryGetValue(p.BoardId, out var mark) || p.CreatedAt > mark)
            .Take(5)
            .Select(p => new DashboardItem(p.Title, $"/Boards/Posts/{p.Id}", names[p.BoardId], p.Tag is null ? null : "warning"))
            .ToList();
        var unread = boards.Sum(b => b.Unread);
        return new DashboardCardModel("boards", text["CardTitle"], null, items, "/Boards", text["CardMore"], unread > 0 ? unread : null, text["CardEmpty"]);
    }
}
