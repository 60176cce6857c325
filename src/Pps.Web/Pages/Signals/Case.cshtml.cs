using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Signals;

/// <summary>Any member may ask; anyone who does not handle signals of this tenant gets a 404, so a case's existence does not leak.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class CaseModel(IMediator mediator, PpsDb db) : SignalCaseModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Signal;

    public override string BasePath => "/Signals";
}
