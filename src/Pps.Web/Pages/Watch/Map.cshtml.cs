using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch;

[Authorize(Policy = Policies.Member)]
public sealed class MapModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public IncidentKind? Kind { get; set; }

    public WatchMap? Map { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid estateId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(WatchTimes.ToLocal(clock.GetUtcNow()).DateTime);
        To ??= today;
        From ??= To.Value.AddDays(-90);
        var from = new DateTimeOffset(From.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var result = await mediator.Send(new GetWatchMap(estateId, from, to, Kind), ct);
        if (result.Status == ResultStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Value is null)
        {
            ModelState.AddErrors(result);
            return Page();
        }

        Map = result.Value;
        return Page();
    }
}
