using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Signals;

[Authorize(Policy = Policies.Member)]
public sealed class ReportModel(IMediator mediator, PpsDb db) : SignalReportModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Signal;
}
