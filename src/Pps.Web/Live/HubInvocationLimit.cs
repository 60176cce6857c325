using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Pps.Web.Live;

/// <summary>How many hub invocations one connection may make (configuration section <c>LiveHub</c>).</summary>
public sealed class LiveHubOptions
{
    public const string Section = "LiveHub";

    /// <summary>Invocations a connection may make at once before it must wait (the bucket's size).</summary>
    public int InvocationBurst { get; set; } = 60;

    /// <summary>Invocations a connection earns back per second.</summary>
    public int InvocationsPerSecond { get; set; } = 20;

    /// <summary>
    /// Refused invocations in a row after which the connection is closed: a client that keeps flooding a refusing
    /// server is not a browser tab catching up but a script.
    /// </summary>
    public int CloseAfterRefusals { get; set; } = 100;
}

/// <summary>
/// A token bucket per connection in front of every hub method. Honest clients invoke a handful of methods on
/// (re)connect and one per pushed alert; a flood is refused with a <see cref="HubException"/> ("rate limited")
/// before it reaches the database, and a connection that keeps flooding is closed.
/// </summary>
internal sealed class HubInvocationLimit(IOptions<LiveHubOptions> options, ILogger<HubInvocationLimit> log) : IHubFilter
{
    public const string RefusalMessage = "Rate limited: too many hub invocations from this connection. Slow down.";

    private static readonly object BucketKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (context.Items.TryGetValue(BucketKey, out var value) && value is Bucket bucket)
        {
            using var lease = bucket.Limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                if (Interlocked.Increment(ref bucket.Refusals) >= options.Value.CloseAfterRefusals)
                {
                    log.LogWarning("Closing hub connection {ConnectionId}: it kept invoking after {Refusals} refusals", context.ConnectionId, bucket.Refusals);
                    context.Abort();
                }

                throw new HubException(RefusalMessage);
            }

            Interlocked.Exchange(ref bucket.Refusals, 0);
        }

        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var o = options.Value;
        context.Context.Items[BucketKey] = new Bucket(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.InvocationBurst),
            TokensPerPeriod = Math.Max(1, o.InvocationsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(BucketKey, out var value) && value is Bucket bucket)
            {
                await bucket.Limiter.DisposeAsync();
            }
        }
    }

    private sealed class Bucket(TokenBucketRateLimiter limiter)
    {
        public readonly TokenBucketRateLimiter Limiter = limiter;
        public int Refusals;
    }
}
