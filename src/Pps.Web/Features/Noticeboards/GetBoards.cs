using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

/// <summary>The boards the caller may read, with the number of posts by others since they last read each.</summary>
public sealed record GetBoards : IQuery<IReadOnlyList<BoardDto>>;

internal sealed class GetBoardsHandler(PpsDb db, ICurrentMember me, BoardAccess access, BoardDirectory directory, BoardViews views)
    : IQueryHandler<GetBoards, IReadOnlyList<BoardDto>>
{
    public async ValueTask<IReadOnlyList<BoardDto>> Handle(GetBoards query, CancellationToken ct)
    {
        if (me.TenantId is not { } tenantId)
        {
            return [];
        }

        await directory.EnsureAsync(tenantId, ct);
        var boards = (await db.Boards.ToListAsync(ct)).Where(access.CanRead).ToList();
        if (boards.Count == 0)
        {
            return [];
        }

        var ids = boards.Select(b => b.Id).ToList();
        var unread = await UnreadCounter.CountAsync(db, me.Id, ids, ct);
        var names = await views.EstateNamesAsync(ct);
        return boards
            .Select(b => new BoardDto(b.Id, b.Kind, b.EstateId, b.DepartmentRole, views.NameOf(b, names), unread.GetValueOrDefault(b.Id), access.CanModerate(b)))
            .OrderBy(b => b.Kind).ThenBy(b => b.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}

internal static class UnreadCounter
{
    /// <summary>
    /// Visible posts by others created after the member's read mark on each board (all of them when never read), for
    /// all boards in one grouped query: the mark is joined in SQL (one per board and member) instead of one count per board.
    /// </summary>
    public static async Task<Dictionary<Guid, int>> CountAsync(PpsDb db, Guid memberId, IReadOnlyCollection<Guid> boardIds, CancellationToken ct)
    {
        var counts = await db.Posts
            .Where(p => boardIds.Contains(p.BoardId) && p.HiddenAt == null && p.AuthorId != memberId
                && !db.BoardReadMarks.Any(m => m.MemberId == memberId && m.BoardId == p.BoardId && p.CreatedAt <= m.LastReadAt))
            .GroupBy(p => p.BoardId)
            .Select(g => new { BoardId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.BoardId, x => x.Count, ct);
        return boardIds.ToDictionary(id => id, id => counts.GetValueOrDefault(id));
    }
}
