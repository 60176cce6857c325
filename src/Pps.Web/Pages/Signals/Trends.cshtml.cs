using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Signals;

/// <summary>Trends for EZ, boards and the desk: counts only, small counts withheld.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class TrendsModel(IMediator mediator) : SignalPageModel
{
    public SignalAggregates Data { get; private set; } = new([], [], []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetSignalAggregates(), ct);
        if (result.Value is null)
        {
            return Forbid();
        }

        Data = result.Value;
        return Page();
    }
}
