using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
}

/// <summary>
/// Member → current security stamp, per instance, for a short time: every authenticated request (cookie or bearer
/// token) compares its stamp claim with it, so a log-out, a role change or a suspension (which rotate the stamp)
/// refuse the member's existing cookies and tokens on the next request, for the price of one primary-key read per
/// member per <see cref="SessionOptions.StampCacheLifetime"/>.
/// </summary>
public sealed class MemberStamps(TimeProvider clock, IOptions<SessionOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

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
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        return string.Equals(await CurrentAsync(services, memberId, ct), stamp, StringComparison.Ordinal);
    }

    /// <summary>Forgets the member's stamp on this instance (after a rotation).</summary>
    public void Evict(Guid memberId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(memberId, out _);
    }

    private async ValueTask<string?> CurrentAsync(IServiceProvider services, Guid memberId, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(memberId, out var cached) && clock.GetElapsedTime(cached.ReadAt, now) < options.Value.StampCacheLifetime)
        {
            return cached.Stamp;
        }

        var generation = Interlocked.Read(ref _generation);
        // A scope of its own, disposed at once: the request's scope of a WebSocket (/hubs/live) lives as long as the
        // connection, and a context resolved there stayed with every connection (~25 KiB each, benchmark scenario 4).
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var stamp = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => m.SecurityStamp)
            .SingleOrDefaultAsync(ct);
        if (_entries.Count >= options.Value.StampCacheSize)
        {
            _entries.Clear();
        }

        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[memberId] = new Entry(stamp, now);
        }

        return stamp;
    }

    private sealed record Entry(string? Stamp, long ReadAt);
}
