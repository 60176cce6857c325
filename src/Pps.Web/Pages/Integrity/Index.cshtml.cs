using Mediator;
using Microsoft.AspNetCore.Authorization;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Pages.Signals;

namespace Pps.Web.Pages.Integrity;

[Authorize(Policy = Policies.IntegrityOfficer)]
public sealed class IndexModel(IMediator mediator, PpsDb db) : SignalListModel(mediator, db)
{
    public override SignalRoute Route => SignalRoute.Integrity;

    public override string CasePath => "/Integrity/Case";
}
