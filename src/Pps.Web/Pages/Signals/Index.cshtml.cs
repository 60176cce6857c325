using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Signals;

[Authorize(Policy = Policies.Signals)]
public sealed class IndexModel(IMediator mediator, PpsDb db) : SignalListModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Signal;

    public override string CasePath => "/Signals/Case";
}
