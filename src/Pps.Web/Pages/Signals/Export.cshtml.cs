using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Signals;

/// <summary>A printable copy of a case for forwarding (police, RIEC); every export is audited as <c>signal.exported</c>.</summary>
[Authorize(Policy = Policies.Member)]
public class ExportModel(IMediator mediator) : SignalPageModel
{
    protected virtual SignalRoute Route => SignalRoute.Signal;

    public SignalDetail Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetSignal(Route, id, ForExport: true), ct);
        if (result.Value is null)
        {
            return NotFound();
        }

        Case = result.Value;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
