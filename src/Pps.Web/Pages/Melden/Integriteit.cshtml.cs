using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Melden;

/// <summary>
/// Improper influence without an account: no identity is stored, so there is nobody to check against the member route's
/// rule (officials, council and board members); the integrity officer weighs the report on its content.
/// </summary>
[AllowAnonymous]
public sealed class IntegriteitModel(IMediator mediator, PpsDb db, AnonymousRateLimits limits) : AnonymousReportModel(mediator, db, limits)
{
    public override SignalRoute Route => SignalRoute.Integrity;
}
