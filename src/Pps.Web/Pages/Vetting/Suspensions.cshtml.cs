using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Vetting;

/// <summary>Suspended members of the estates the caller governs, each with a form to lift the suspension. Others get 403.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SuspensionsModel(IMediator mediator, IStringLocalizer<VettingText> text) : PageModel
{
    public IReadOnlyList<SuspendedMember> Suspended { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetSuspensions(), ct);
        if (result.Value is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Suspended = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid memberId, string? note, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new LiftSuspension(memberId, note ?? ""), ct);
            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            if (result.Status == ResultStatus.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            if (result.IsSuccess)
            {
                Message = text["Lifted"];
            }
            else
            {
                Error = text["Failed", result.Detail ?? string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? [])];
            }
        }
        catch (FluentValidation.ValidationException ex)
        {
            Error = text["Failed", string.Join(" ", ex.Errors.Select(e => e.ErrorMessage))];
        }

        return RedirectToPage();
    }
}
