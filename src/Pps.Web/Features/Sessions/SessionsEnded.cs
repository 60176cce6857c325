using Mediator;
using Pps.Web.Infrastructure.Sessions;
using Pps.Web.Live;

namespace Pps.Web.Features.Sessions;

/// <summary>Some of a member's sessions were ended and the change is committed.</summary>
public sealed record SessionsEnded(Guid MemberId, IReadOnlyList<Guid> SessionIds) : INotification;

/// <summary>
/// The ended sessions' cookies and tokens are refused from the next request on: the member's cached sessions are
/// evicted here and on every instance (Redis channel), and those sessions' hub connections close.
/// </summary>
internal sealed class CloseEndedSessions(MemberStamps stamps, LiveSessions live) : INotificationHandler<SessionsEnded>
{
    public const string Reason = "session-ended";

    public async ValueTask Handle(SessionsEnded e, CancellationToken ct)
    {
        stamps.Evict(e.MemberId);
        await live.EndSessionsAsync(e.MemberId, e.SessionIds, Reason);
    }
}
