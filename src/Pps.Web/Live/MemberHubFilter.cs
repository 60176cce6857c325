using Microsoft.AspNetCore.SignalR;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Sessions;

namespace Pps.Web.Live;

/// <summary>
/// Makes <see cref="ICurrentMember"/> (and with it the tenant filter) mean the connection's user inside hub
/// methods, where there is no HTTP request to read it from. A connection's principal is fixed when it connects, so
/// every invocation also checks that the member's security stamp is still the one the connection signed in with and
/// its session is still running: after a log-out or a change of rights (which rotate the stamp) the connection is
/// refused and closed on whichever instance holds it, and the client reconnects with its new rights, or not at all.
/// </summary>
/// <remarks>
/// The check is the one every HTTP request makes (<see cref="MemberStamps"/>): a rotation or an ended session evicts
/// the cached stamp at once on this instance and, over the Redis session channel, on the others, so the next
/// invocation reads the database again; a rotation an instance was not told about reaches it within
/// <see cref="SessionOptions.StampCacheLifetime"/>. It used to read the stamp from the database on every invocation:
/// an alert pushed to 5,000 members is answered by 5,000 <c>AlertDelivered</c> calls, and those reads (each with a
/// DbContext of its own) kept a one-core hub saturated (docs/benchmarks/live-profile.md, §6).
/// </remarks>
internal sealed class MemberHubFilter : IHubFilter
{
    public const string SessionEndedMessage = "Session ended: sign in again.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var member = Use(invocationContext.ServiceProvider, invocationContext.Context);
        if (member.IsAuthenticated && !await IsCurrentAsync(invocationContext.ServiceProvider, invocationContext.Context))
        {
            CloseSoon(invocationContext.Context);
            throw new HubException(SessionEndedMessage);
        }

        // A tenant that starts requiring two-factor log-in reaches connections opened before: they may do nothing more.
        if (await EnrolmentBlocksAsync(invocationContext.ServiceProvider, invocationContext.Context))
        {
            throw new HubException(TwoFactorEnrolment.HubRefusal);
        }

        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var member = Use(context.ServiceProvider, context.Context);
        if (member.IsAuthenticated)
        {
            if (!await IsCurrentAsync(context.ServiceProvider, context.Context))
            {
                // A token or cookie from before a log-out or a change of rights: no new connection with it.
                throw new HubException(SessionEndedMessage);
            }

            if (await EnrolmentBlocksAsync(context.ServiceProvider, context.Context))
            {
                throw new HubException(TwoFactorEnrolment.HubRefusal);
            }

            context.ServiceProvider.GetRequiredService<LiveSessions>().Track(member.Id, context.Context);
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        var member = Use(context.ServiceProvider, context.Context);
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (member.IsAuthenticated)
            {
                context.ServiceProvider.GetRequiredService<LiveSessions>().Forget(member.Id, context.Context.ConnectionId);
            }
        }
    }

    /// <summary>
    /// Closes the connection just after the refusal went out, so the client learns why. Until then every further
    /// invocation meets the same stamp check and is refused too.
    /// </summary>
    private static void CloseSoon(HubCallerContext context)
        => _ = Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None).ContinueWith(_ => context.Abort(), TaskScheduler.Default);

    private static ValueTask<bool> IsCurrentAsync(IServiceProvider services, HubCallerContext context)
        => context.User is { } user
            ? services.GetRequiredService<MemberStamps>().IsCurrentAsync(services, user, context.ConnectionAborted)
            : ValueTask.FromResult(false);

    private static ValueTask<bool> EnrolmentBlocksAsync(IServiceProvider services, HubCallerContext context)
        => context.User is { } user
            ? services.GetRequiredService<TwoFactorEnrolment>().BlocksAsync(user, context.ConnectionAborted)
            : ValueTask.FromResult(false);

    private static ICurrentMember Use(IServiceProvider services, HubCallerContext context)
    {
        var current = services.GetRequiredService<ICurrentMember>();
        if (current is CurrentMember member && context.User is { } user)
        {
            member.Use(user);
        }

        return current;
    }
}
