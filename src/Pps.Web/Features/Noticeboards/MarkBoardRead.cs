using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>The member has seen the board up to now: its unread count drops to zero.</summary>
public sealed record MarkBoardRead(Guid BoardId) : ICommand<Result>;

internal sealed class MarkBoardReadHandler(PpsDb db, ICurrentMember me, BoardViews views, TimeProvider clock) : ICommandHandler<MarkBoardRead, Result>
{
    public async ValueTask<Result> Handle(MarkBoardRead cmd, CancellationToken ct)
    {
        var board = await views.ReadableBoardAsync(cmd.BoardId, ct);
        if (board is null)
        {
            return Result.NotFound();
        }

        var mark = await db.BoardReadMarks.SingleOrDefaultAsync(m => m.BoardId == board.Id && m.MemberId == me.Id, ct);
        if (mark is null)
        {
            db.BoardReadMarks.Add(new BoardReadMark { TenantId = board.TenantId, BoardId = board.Id, MemberId = me.Id, LastReadAt = clock.GetUtcNow() });
        }
        else
        {
            mark.LastReadAt = clock.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs marked the same board at once; one mark is enough.
        }

        return Result.Ok();
    }
}
