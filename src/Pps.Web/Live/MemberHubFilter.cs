using Microsoft.AspNetCore.SignalR;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Live;

/// <summary>
/// Makes <see cref="ICurrentMember"/> (and with it the tenant filter) mean the connection's user inside hub
/// methods, where there is no HTTP request to read it from.
/// </summary>
internal sealed class MemberHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        Use(invocationContext.ServiceProvider, invocationContext.Context);
        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        Use(context.ServiceProvider, context.Context);
        return next(context);
    }

    private static void Use(IServiceProvider services, HubCallerContext context)
    {
        if (services.GetRequiredService<ICurrentMember>() is CurrentMember member && context.User is { } user)
        {
            member.Use(user);
        }
    }
}
