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
            if (!bucket.TryTake())
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
        context.Context.Items[BucketKey] = new Bucket(Math.Max(1, o.InvocationBurst), Math.Max(1, o.InvocationsPerSecond));
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        context.Context.Items.Remove(BucketKey);
        return next(context, exception);
    }

    /// <summary>
    /// A token bucket that refills when it is asked (whole seconds elapsed × the rate, up to the burst), the same
    /// arithmetic as <c>TokenBucketRateLimiter</c> with a one-second period. It has no timer: with
    /// <c>AutoReplenishment</c> every connection carried its own timer firing each second, 10,000 callbacks a second
    /// (and their memory) for 10,000 idle connections.
    /// </summary>
    private sealed class Bucket(int burst, int perSecond)
    {
        private readonly Lock _lock = new();
        private readonly int _burst = burst;
        private int _tokens = burst;
        private long _refilledAt = Environment.TickCount64;

        public int Refusals;

        public bool TryTake()
        {
            lock (_lock)
            {
                var now = Environment.TickCount64;
                var seconds = (now - _refilledAt) / 1000;
                if (seconds > 0)
                {
                    _tokens = (int)Math.Min(_burst, _tokens + (seconds * perSecond));
                    _refilledAt += seconds * 1000;
                }

                if (_tokens == 0)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }
    }
}
