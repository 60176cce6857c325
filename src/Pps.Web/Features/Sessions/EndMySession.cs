using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// The member ends one of their own sessions (ASVS 7.5.2), for instance a browser left signed in elsewhere. Its cookie
/// or token is refused from the next request on, on every instance, and its hub connections close. Another member's
/// session, or one that already ended, is not found.
/// </summary>
public sealed record EndMySession(Guid SessionId) : ICommand<Result>;

internal sealed class EndMySessionHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<EndMySession, Result>
{
    public const string Reason = "ended-by-member";

    public async ValueTask<Result> Handle(EndMySession cmd, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = await ActiveSessions.Of(db, me.Id, now).SingleOrDefaultAsync(s => s.Id == cmd.SessionId, ct);
        if (session is null)
        {
            return Result.NotFound();
        }

        session.EndedAt = now;
        session.EndReason = Reason;
        audit.Add("session.ended", $"member:{me.Id}", detail: $"session:{session.Id}; by=member");
        db.Raise(new SessionsEnded(me.Id, [session.Id]));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>The member ends every session but the one making this request ("sign out everywhere else").</summary>
public sealed record EndMyOtherSessions : ICommand<Result<int>>;

internal sealed class EndMyOtherSessionsHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<EndMyOtherSessions, Result<int>>
{
    public async ValueTask<Result<int>> Handle(EndMyOtherSessions cmd, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = SessionClaims.SessionIdOf(me.Principal);
        var others = await ActiveSessions.Of(db, me.Id, now).Where(s => s.Id != current).ToListAsync(ct);
        if (others.Count == 0)
        {
            return Result<int>.Ok(0);
        }

        foreach (var session in others)
        {
            session.EndedAt = now;
            session.EndReason = EndMySessionHandler.Reason;
        }

        audit.Add("session.ended", $"member:{me.Id}", detail: $"sessions={others.Count}; by=member; all-others");
        db.Raise(new SessionsEnded(me.Id, others.Select(s => s.Id).ToList()));
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(others.Count);
    }
}
