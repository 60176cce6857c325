using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Vetting;

/// <summary>A board member of the member's estate or EZ suspends a member with a reason. Anyone else gets 404.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SuspendModel(IMediator mediator, IStringLocalizer<VettingText> text) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public SuspensionView? Subject { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid memberId, CancellationToken ct)
        => await LoadAsync(memberId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid memberId, CancellationToken ct)
    {
        if (!await LoadAsync(memberId, ct))
        {
            return NotFound();
        }

        try
        {
            var result = await mediator.Send(new SuspendMember(memberId, Reason ?? ""), ct);
            if (result.IsSuccess)
            {
                TempData["Message"] = text["SuspendedDone", Subject!.Name].Value;
                return RedirectToPage("Suspensions");
            }

            Error = text["Failed", result.Detail ?? string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? [])];
        }
        catch (FluentValidation.ValidationException ex)
        {
            Error = text["Failed", string.Join(" ", ex.Errors.Select(e => e.ErrorMessage))];
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid memberId, CancellationToken ct)
    {
        Subject = (await mediator.Send(new GetSuspension(memberId), ct)).Value;
        return Subject is not null;
    }
}
