using System.Collections.Concurrent;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Sessions;

namespace Pps.Web.Live;

/// <summary>
/// The member's sessions ended or their rights changed (log-out, a role assigned or revoked, a suspension): every
/// open hub connection of the member must go, on every instance. Raised after the security stamp was rotated.
/// </summary>
public sealed record MemberSessionsEnded(Guid MemberId, string Reason) : INotification;

/// <summary>
/// The hub connections of this instance, by member, so that a log-out or a rights change can close them. Across
/// instances, <see cref="SessionChannel"/> (Redis) asks every instance to close its own connections of the member, the
/// <c>SessionEnded</c> message goes through the backplane to the member's group, and <see cref="MemberHubFilter"/>
/// refuses and closes any connection whose stamp no longer matches the database at its next invocation.
/// </summary>
public sealed class LiveSessions(IHubContext<LiveHub, ILiveClient> hub, SessionChannel channel, ILogger<LiveSessions> log)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byMember = new();

    internal void Track(Guid memberId, HubCallerContext context)
        => _byMember.GetOrAdd(memberId, _ => new()).TryAdd(context.ConnectionId, context);

    internal void Forget(Guid memberId, string connectionId)
    {
        if (_byMember.TryGetValue(memberId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>How many connections of the member this instance holds (for tests and metrics).</summary>
    public int CountFor(Guid memberId) => _byMember.TryGetValue(memberId, out var c) ? c.Count : 0;

    /// <summary>The member's connections this instance holds (for tests).</summary>
    internal IReadOnlyCollection<HubCallerContext> ConnectionsOf(Guid memberId) => _byMember.TryGetValue(memberId, out var c) ? [.. c.Values] : [];

    /// <summary>
    /// Tells the member's clients (all instances) that the session ended, closes this instance's connections, and asks
    /// the other instances (Redis channel) to close theirs: a client that ignores <c>SessionEnded</c> is closed anyway.
    /// </summary>
    public async Task EndAsync(Guid memberId, string reason)
    {
        try
        {
            await hub.Clients.Group(LiveGroups.Member(memberId)).SessionEnded(reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The backplane may be down; the local abort below and the stamp check on every instance still hold.
            log.LogWarning(ex, "Could not tell member {MemberId}'s clients that the session ended", memberId);
        }

        // A moment's grace before the close, so the SessionEnded just written reaches the client rather than being cut
        // off by the abort (seen as a rare test failure). Invocations in that moment are refused by the stamp check
        // (MemberHubFilter). A real delay, not the injected TimeProvider: it is transport timing, and a fake clock in
        // tests would never fire it.
        if (_byMember.TryRemove(memberId, out var connections))
        {
            _ = Task.Delay(CloseGrace).ContinueWith(_ => AbortAll(connections), TaskScheduler.Default);
        }

        await channel.PublishAsync(memberId, endSessions: true);
    }

    /// <summary>
    /// Ends some of the member's sessions (the member or an administrator ended them one by one): only the connections
    /// signed in with those sessions hear <c>SessionEnded</c> and close, here and (Redis channel) on every instance.
    /// </summary>
    public async Task EndSessionsAsync(Guid memberId, IReadOnlyCollection<Guid> sessionIds, string reason)
    {
        var connections = TakeSessions(memberId, sessionIds);
        foreach (var connectionId in connections.Keys)
        {
            try
            {
                await hub.Clients.Client(connectionId).SessionEnded(reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Could not tell connection {ConnectionId} that its session ended", connectionId);
            }
        }

        if (!connections.IsEmpty)
        {
            _ = Task.Delay(CloseGrace).ContinueWith(_ => AbortAll(connections), TaskScheduler.Default);
        }

        await channel.PublishSessionsEndedAsync(memberId, sessionIds);
    }

    /// <summary>Closes this instance's connections of the given sessions of the member.</summary>
    internal void AbortSessionsLocal(Guid memberId, IReadOnlyCollection<Guid> sessionIds) => AbortAll(TakeSessions(memberId, sessionIds));

    private ConcurrentDictionary<string, HubCallerContext> TakeSessions(Guid memberId, IReadOnlyCollection<Guid> sessionIds)
    {
        var taken = new ConcurrentDictionary<string, HubCallerContext>();
        if (_byMember.TryGetValue(memberId, out var connections))
        {
            foreach (var (connectionId, context) in connections)
            {
                if (Features.Sessions.SessionClaims.SessionIdOf(context.User) is { } sessionId && sessionIds.Contains(sessionId)
                    && connections.TryRemove(connectionId, out _))
                {
                    taken[connectionId] = context;
                }
            }
        }

        return taken;
    }

    /// <summary>How long a client has to receive <c>SessionEnded</c> before this instance closes its connection.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>Closes the member's connections this instance holds.</summary>
    internal void AbortLocal(Guid memberId)
    {
        if (_byMember.TryRemove(memberId, out var connections))
        {
            AbortAll(connections);
        }
    }

    private static void AbortAll(ConcurrentDictionary<string, HubCallerContext> connections)
    {
        foreach (var context in connections.Values)
        {
            context.Abort();
        }
    }
}

internal sealed class EndLiveSessions(LiveSessions sessions) : INotificationHandler<MemberSessionsEnded>
{
    public async ValueTask Handle(MemberSessionsEnded e, CancellationToken ct) => await sessions.EndAsync(e.MemberId, e.Reason);
}

/// <summary>Rotates a member's security stamp in the caller's unit of work and ends their live sessions after it commits.</summary>
public static class SessionRevocation
{
    public const string SignedOut = "signed-out";

    public const string RightsChanged = "rights-changed";

    /// <summary>
    /// Cookies and bearer tokens with the old stamp are refused on their next request, they can no longer be
    /// refreshed, and the hub refuses the old stamp at once. Call before <c>SaveChangesAsync</c>.
    /// </summary>
    public static async Task RevokeSessionsAsync(this PpsDb db, Guid memberId, string reason, CancellationToken ct)
    {
        var member = db.Members.Local.FirstOrDefault(m => m.Id == memberId)
            ?? await db.Members.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return;
        }

        member.SecurityStamp = Guid.NewGuid().ToString("N");
        member.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.Raise(new MemberSessionsEnded(memberId, reason));
    }
}
