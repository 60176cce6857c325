using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using SessionOptions = Pps.Web.Infrastructure.Sessions.SessionOptions;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// Writes and reads session records for the sign-in machinery, each in a scope of its own: the sign-in manager's
/// context belongs to Identity's unit of work (and, on a WebSocket, would live as long as the connection).
/// </summary>
public sealed class SessionRecords(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SessionOptions> options)
{
    public async Task<MemberSession> StartAsync(Member member, string kind, string? userAgent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (browser, system) = DeviceDescription.From(userAgent);
        var session = new MemberSession
        {
            MemberId = member.Id,
            Kind = kind,
            Browser = browser,
            System = system,
            SignedInAt = now,
            ExpiresAt = now + options.Value.AbsoluteLifetime,
            LastSeenAt = now,
            Stamp = member.SecurityStamp ?? "",
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        db.MemberSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// The member rotated their own stamp in this browser (two-factor turned on) and stays signed in here: this session
    /// continues under the new stamp; every other session stays with the old one, and so ended.
    /// </summary>
    public async Task AdoptStampAsync(Guid sessionId, Guid memberId, string stamp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        await db.MemberSessions.Where(s => s.Id == sessionId && s.MemberId == memberId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stamp, stamp), ct);
    }

    /// <summary>Whether the session may still be refreshed: not ended, within its absolute lifetime, under the member's current stamp.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Member member, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var session = await db.MemberSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.MemberId == member.Id, ct);
        return session is { EndedAt: null } && session.ExpiresAt > clock.GetUtcNow() && session.Stamp == member.SecurityStamp;
    }

    /// <summary>Marks the session ended (log-out); the stamp rotation that follows ends the sign-in itself.</summary>
    public async Task EndAsync(Guid sessionId, Guid memberId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        await db.MemberSessions.Where(s => s.Id == sessionId && s.MemberId == memberId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
    }
}
