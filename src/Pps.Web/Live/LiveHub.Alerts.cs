using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Live;

public sealed partial class LiveHub
{
    /// <summary>
    /// Every alert targeted at the caller with a sequence above <paramref name="afterSequence"/>, oldest first;
    /// they count as delivered. Clients call this on every (re)connect with the last sequence they saw.
    /// </summary>
    [Authorize(Policy = Policies.Member)]
    public async Task<IReadOnlyList<AlertMessage>> CatchUpAlerts(long afterSequence, [FromServices] IMediator mediator)
        => await mediator.Send(new GetMissedAlerts(Math.Max(0, afterSequence), MarkDelivered: true), Context.ConnectionAborted);

    /// <summary>A pushed alert reached the client. Only the caller's own receipt changes; false when the alert is not theirs.</summary>
    [Authorize(Policy = Policies.Member)]
    public async Task<bool> AlertDelivered(Guid id, [FromServices] IMediator mediator)
        => (await mediator.Send(new MarkAlertDelivered(id), Context.ConnectionAborted)).IsSuccess;

    /// <summary>The member opened (saw) the alert on the page.</summary>
    [Authorize(Policy = Policies.Member)]
    public async Task<bool> AlertRead(Guid id, [FromServices] IMediator mediator)
        => (await mediator.Send(new MarkAlertRead(id), Context.ConnectionAborted)).IsSuccess;
}
