using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.MemberDirectory;

/// <summary>Units of the estates the caller governs (board: their estates, EZ: all), each with a link to change its occupant.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class UnitsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? EstateId { get; set; }

    public OccupancyList? List { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetOccupancy(EstateId), ct);
        if (result.Status == ResultStatus.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        List = result.Value;
        return List is null ? NotFound() : Page();
    }
}
