using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Signals;

[Authorize(Policy = Policies.Member)]
public sealed class ReportModel(IMediator mediator, PpsDb db, ICurrentMember me) : SignalReportModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Signal;

    /// <summary>Officials, council and board members are pointed to their own route for improper influence.</summary>
    public bool MayReportIntegrity => Features.Integrity.IntegrityAccess.MayReport(me);
}
