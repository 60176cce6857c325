using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Live;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// An administrator ends every session of a member (ASVS 7.4.5): a tenant administrator for members of their own
/// municipality, the platform administrator for anyone. Through the stamp rotation that log-out and rights changes
/// use, so cookies, bearer tokens, refresh tokens and open hub connections all end, on every instance. A member out
/// of reach is not found.
/// </summary>
public sealed record EndMemberSessions(Guid MemberId) : ICommand<Result<int>>;

internal sealed class EndMemberSessionsHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<EndMemberSessions, Result<int>>
{
    public const string Reason = "ended-by-admin";

    public async ValueTask<Result<int>> Handle(EndMemberSessions cmd, CancellationToken ct)
    {
        var member = await db.Members.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(m => m.Id == cmd.MemberId && m.ErasedAt == null, ct);
        if (member is null || (!me.IsPlatformAdmin() && (member.TenantId is null || member.TenantId != me.TenantId)))
        {
            return Result<int>.NotFound();
        }

        var now = clock.GetUtcNow();
        var sessions = await ActiveSessions.Of(db, member.Id, now).ToListAsync(ct);
        foreach (var session in sessions)
        {
            session.EndedAt = now;
            session.EndReason = Reason;
        }

        await db.RevokeSessionsAsync(member.Id, Reason, ct);
        audit.AddInTenant(db, member.TenantId, "member.sessions-ended", $"member:{member.Id}", $"sessions={sessions.Count}");
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(sessions.Count);
    }
}
