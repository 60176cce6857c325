using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Meetings;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Meetings;

/// <summary>An estate's action plan; <c>?print=true</c> gives the plain page for the Keurmerk audit file.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class ActionPlanModel(IMediator mediator) : PageModel
{
    [FromRoute] public Guid EstateId { get; set; }

    [FromQuery] public bool Print { get; set; }

    public ActionPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetActionPlan(EstateId), ct);
        if (result.Value is null)
        {
            return NotFound();
        }

        Plan = result.Value;
        if (Print)
        {
            ViewData["Print"] = true;
        }

        return Page();
    }
}
