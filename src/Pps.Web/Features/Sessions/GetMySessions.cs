using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Sessions;

/// <summary>The caller's own active sessions, newest first, with the one making this request marked.</summary>
public sealed record GetMySessions : IQuery<IReadOnlyList<SessionView>>;

public sealed record SessionView(
    Guid Id,
    string Kind,
    string? Browser,
    string? System,
    DateTimeOffset SignedInAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    bool Current);

internal sealed class GetMySessionsHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetMySessions, IReadOnlyList<SessionView>>
{
    public async ValueTask<IReadOnlyList<SessionView>> Handle(GetMySessions query, CancellationToken ct)
    {
        var current = SessionClaims.SessionIdOf(me.Principal);
        var sessions = await ActiveSessions.Of(db, me.Id, clock.GetUtcNow())
            .Select(s => new { s.Id, s.Kind, s.Browser, s.System, s.SignedInAt, s.LastSeenAt, s.ExpiresAt })
            .ToListAsync(ct);
        return sessions
            .OrderByDescending(s => s.Id == current).ThenByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.Kind, s.Browser, s.System, s.SignedInAt, s.LastSeenAt, s.ExpiresAt, s.Id == current))
            .ToList();
    }
}

internal static class ActiveSessions
{
    /// <summary>
    /// Not ended, within the absolute lifetime, and signed in under the member's current stamp (a log-out or a
    /// change of rights rotated it and ended the others).
    /// </summary>
    public static IQueryable<MemberSession> Of(PpsDb db, Guid memberId, DateTimeOffset now)
        => db.MemberSessions.Where(s => s.MemberId == memberId && s.EndedAt == null && s.ExpiresAt > now
            && db.Members.IgnoreQueryFilters().Any(m => m.Id == memberId && m.SecurityStamp == s.Stamp));
}
