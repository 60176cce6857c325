using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Sessions;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Sessions;

/// <summary>Settings for the session checks (section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// How long this instance trusts a member's security stamp it read from the database. Rotations on this instance
    /// (and, with the Redis backplane, on every instance) evict at once; this lifetime is the worst-case delay for a
    /// rotation this instance was not told about (another instance without a backplane, a lost Redis message).
    /// </summary>
    public TimeSpan StampCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Above this many cached members the cache starts afresh: it stays small whatever the traffic.</summary>
    public int StampCacheSize { get; set; } = 20_000;

    /// <summary>
    /// ASVS 7.3.2: however active, a sign-in (cookie or bearer token with its refreshes) ends this long after it began
    /// and the member signs in again. The cookie's sliding 8 h window ends an idle one earlier.
    /// </summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A session's "last seen" is written at most this often (not per request).</summary>
    public TimeSpan LastSeenInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A member without a password (municipal or external log-in) changes their e-mail address or phone number only
    /// within this time after signing in (ASVS 7.5.1: the fresh sign-in stands in for the password).
    /// </summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Ended and expired session records are deleted this long after they ended.</summary>
    public TimeSpan KeepEndedFor { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Member → current security stamp and active sessions, per instance, for a short time: every authenticated request
/// (cookie or bearer token) compares its stamp claim with the stamp and its session claim with the active sessions, so
/// a log-out, a role change or a suspension (which rotate the stamp) and an ended or expired session refuse the
/// member's existing cookies and tokens on the next request, for the price of one read per member per
/// <see cref="SessionOptions.StampCacheLifetime"/>. Ending a session evicts the member here and, through
/// <see cref="SessionChannel"/>, on every instance.
/// </summary>
public sealed class MemberStamps(TimeProvider clock, IOptions<SessionOptions> options)
{
    /// <summary>At most this many refused session ids are remembered per member (beyond it, each is read again).</summary>
    public const int MaxRefusedPerMember = 64;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private long _reads;

    // Bumped by every eviction: a read that started before a rotation must not put the old stamp back in the cache.
    private long _generation;

    /// <summary>The claim type that carries the stamp in cookies and bearer tokens.</summary>
    public static string StampClaimType(IServiceProvider services)
        => services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;

    /// <summary>
    /// True when the principal is not a member's sign-in (nothing to check) or carries the member's current stamp.
    /// A member's sign-in without a stamp is refused.
    /// </summary>
    public async ValueTask<bool> IsCurrentAsync(IServiceProvider services, ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(PpsClaims.MemberId), out var memberId))
        {
            return true;
        }

        var stamp = principal.FindFirstValue(StampClaimType(services));
        if (string.IsNullOrEmpty(stamp) || SessionClaims.SessionIdOf(principal) is not { } sessionId)
        {
            return false;
        }

        var (current, justRead) = await CurrentAsync(services, memberId, fresh: false, ct);
        if (string.Equals(current.Stamp, stamp, StringComparison.Ordinal) && !current.Sessions.ContainsKey(sessionId) && !current.IsRefused(sessionId))
        {
            // A session started after this instance read the member (a second device signing in): read again. A session
            // missing from that read too is not running (ended, expired, or never was): a token carries its session id
            // only after the session was stored, and a session never runs again. So the refusal is kept with the entry,
            // and an ended session's token replayed in a loop costs one read per cache lifetime, not one per request.
            if (!justRead)
            {
                (current, _) = await CurrentAsync(services, memberId, fresh: true, ct);
            }

            if (!current.Sessions.ContainsKey(sessionId))
            {
                current.Refuse(sessionId);
            }
        }

        if (!string.Equals(current.Stamp, stamp, StringComparison.Ordinal) || !current.Sessions.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (now >= session.ExpiresAt)
        {
            return false;
        }

        if (now - session.LastSeenAt >= options.Value.LastSeenInterval)
        {
            // Noted, written in a batch off the request (after a restart every reconnecting member is due at once).
            session.LastSeenAt = now;
            services.GetRequiredService<SessionActivity>().Seen(sessionId, now);
        }

        return true;
    }

    /// <summary>How many times this instance read a member's stamp and sessions from the database (for tests).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Forgets the member's stamp on this instance (after a rotation).</summary>
    public void Evict(Guid memberId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(memberId, out _);
    }

    /// <summary>The member's cached entry, or (when missing, expired or <paramref name="fresh"/>) a new read: then <c>Read</c> is true.</summary>
    private async ValueTask<(Entry Entry, bool Read)> CurrentAsync(IServiceProvider services, Guid memberId, bool fresh, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (!fresh && _entries.TryGetValue(memberId, out var cached) && clock.GetElapsedTime(cached.ReadAt, now) < options.Value.StampCacheLifetime)
        {
            return (cached, false);
        }

        var generation = Interlocked.Read(ref _generation);
        Interlocked.Increment(ref _reads);
        // A scope of its own, disposed at once: the request's scope of a WebSocket (/hubs/live) lives as long as the
        // connection, and a context resolved there stayed with every connection (~25 KiB each, benchmark scenario 4).
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var utcNow = clock.GetUtcNow();
        // One query for both: the stamp and the sessions still running under it.
        var row = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => new
            {
                m.SecurityStamp,
                Sessions = db.MemberSessions
                    .Where(s => s.MemberId == m.Id && s.EndedAt == null && s.Stamp == m.SecurityStamp && s.ExpiresAt > utcNow)
                    .Select(s => new { s.Id, s.ExpiresAt, s.LastSeenAt })
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        var entry = new Entry(
            row?.SecurityStamp,
            row?.Sessions.ToDictionary(s => s.Id, s => new ActiveSession(s.ExpiresAt, s.LastSeenAt)) ?? [],
            now);
        if (_entries.Count >= options.Value.StampCacheSize)
        {
            _entries.Clear();
        }

        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[memberId] = entry;
        }

        return (entry, true);
    }

    private sealed record Entry(string? Stamp, Dictionary<Guid, ActiveSession> Sessions, long ReadAt)
    {
        // Made on the first refusal only: one entry per connected member is cached, and an empty concurrent
        // dictionary each was ~1 KB per hub connection (benchmark scenario 4).
        private ConcurrentDictionary<Guid, byte>? _refused;

        /// <summary>Whether a fresh read did not find the session running (refused without another read while this entry lives).</summary>
        public bool IsRefused(Guid sessionId) => Volatile.Read(ref _refused)?.ContainsKey(sessionId) == true;

        /// <summary>Remembers a session a fresh read did not find, up to <see cref="MaxRefusedPerMember"/>.</summary>
        public void Refuse(Guid sessionId)
        {
            var refused = LazyInitializer.EnsureInitialized(ref _refused);
            if (refused.Count < MaxRefusedPerMember)
            {
                refused.TryAdd(sessionId, 0);
            }
        }
    }

    private sealed class ActiveSession(DateTimeOffset expiresAt, DateTimeOffset lastSeenAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset LastSeenAt { get; set; } = lastSeenAt;
    }
}
