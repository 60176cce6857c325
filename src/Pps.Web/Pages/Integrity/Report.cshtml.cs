using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Integrity;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Pages.Signals;

namespace Pps.Web.Pages.Integrity;

/// <summary>Improper influence on officials and board members; the report goes to the integrity officer only.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class ReportModel(IMediator mediator, PpsDb db, ICurrentMember me) : SignalReportModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Integrity;

    protected override bool MayReport() => IntegrityAccess.MayReport(me);
}
