using Microsoft.Extensions.Options;
using Pps.Web.Live;
using StackExchange.Redis;

namespace Pps.Web.Infrastructure.Sessions;

/// <summary>
/// Tells every instance about a rotated stamp, ended sessions or a tenant's changed two-factor requirement, over a Redis pub/sub channel of our own when the Redis
/// backplane is configured (one instance needs no channel). The receiving instance evicts the member's cached stamp
/// and, for ended sessions, aborts the member's hub connections it holds: the server closes them, whatever the client
/// does with <c>SessionEnded</c>. A lost message (Redis down) costs at most <see cref="SessionOptions.StampCacheLifetime"/>
/// for HTTP; hub connections are still refused at their next invocation by the stamp check.
/// </summary>
public sealed class SessionChannel(IServiceProvider services, ILogger<SessionChannel> log)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("pps:sessions");

    private const string End = "end";

    private const string Evict = "evict";

    private const string EndSessions = "sessions";

    private const string TwoFactorPolicy = "two-factor-policy";

    private IConnectionMultiplexer? Redis => services.GetService<IConnectionMultiplexer>();

    public Task PublishAsync(Guid memberId, bool endSessions)
        => SendAsync($"{(endSessions ? End : Evict)}:{memberId:N}", StampLifetime, "member {Subject}'s sessions", memberId);

    /// <summary>Some of the member's sessions ended: evict the member's cached sessions and close those sessions' connections.</summary>
    public Task PublishSessionsEndedAsync(Guid memberId, IReadOnlyCollection<Guid> sessionIds)
        => sessionIds.Count == 0
            ? Task.CompletedTask
            : SendAsync($"{EndSessions}:{memberId:N}:{string.Join(',', sessionIds.Select(s => s.ToString("N")))}", StampLifetime, "member {Subject}'s ended sessions", memberId);

    /// <summary>A tenant's two-factor requirement changed: every instance drops the requirement it cached for the tenant.</summary>
    public Task PublishTwoFactorPolicyChangedAsync(Guid tenantId)
        => SendAsync($"{TwoFactorPolicy}:{tenantId:N}", PolicyLifetime, "tenant {Subject}'s two-factor requirement", tenantId);

    private TimeSpan StampLifetime() => services.GetRequiredService<IOptions<SessionOptions>>().Value.StampCacheLifetime;

    private TimeSpan PolicyLifetime() => services.GetRequiredService<IOptions<Auth.TwoFactorOptions>>().Value.PolicyCacheLifetime;

    /// <summary>Publishes when there is a Redis; a failure is logged, and the other instances notice within their cache lifetime.</summary>
    private async Task SendAsync(string message, Func<TimeSpan> cacheLifetime, string about, Guid subject)
    {
        if (Redis is not { } redis)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
#pragma warning disable CA2254 // the template is one of three constants above
            log.LogWarning(ex, "Could not tell the other instances about " + about + "; they notice within {Lifetime}", subject, cacheLifetime());
#pragma warning restore CA2254
        }
    }

    internal async Task SubscribeAsync(CancellationToken ct)
    {
        if (Redis is not { } redis)
        {
            return;
        }

        while (!ct.IsCancellationRequested)
        {
            try
            {
                // StackExchange.Redis re-subscribes by itself after a reconnect once the subscription exists.
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                log.LogWarning(ex, "Could not subscribe to the session channel; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    private void Receive(RedisValue message)
    {
        var text = (string?)message ?? "";
        if (text.StartsWith(EndSessions + ":", StringComparison.Ordinal))
        {
            ReceiveSessionsEnded(text[(EndSessions.Length + 1)..]);
            return;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Guid.TryParseExact(text[(colon + 1)..], "N", out var id))
        {
            return;
        }

        if (text.AsSpan(0, colon).SequenceEqual(TwoFactorPolicy))
        {
            services.GetRequiredService<Auth.TwoFactorEnrolment>().Evict(id);
            return;
        }

        var memberId = id;

        services.GetRequiredService<MemberStamps>().Evict(memberId);
        if (text.AsSpan(0, colon).SequenceEqual(End))
        {
            services.GetRequiredService<LiveSessions>().AbortLocal(memberId);
        }
    }

    private void ReceiveSessionsEnded(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var memberId))
        {
            return;
        }

        var sessionIds = parts[1].Split(',').Select(s => Guid.TryParseExact(s, "N", out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToArray();
        services.GetRequiredService<MemberStamps>().Evict(memberId);
        services.GetRequiredService<LiveSessions>().AbortSessionsLocal(memberId, sessionIds);
    }
}

internal sealed class SessionChannelSubscriber(SessionChannel channel) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => channel.SubscribeAsync(stoppingToken);
}
