using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Pages.Signals;

namespace Pps.Web.Pages.Integrity;

[Authorize(Policy = Policies.Member)]
public sealed class CaseModel(IMediator mediator, PpsDb db) : SignalCaseModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Integrity;

    public override string BasePath => "/Integrity";
}
