using Mediator;
using Pps.Web.Features.Signals;

namespace Pps.Web.Pages.Integrity;

public sealed class ExportModel(IMediator mediator) : Signals.ExportModel(mediator)
{
    protected override SignalRoute Route => SignalRoute.Integrity;
}
