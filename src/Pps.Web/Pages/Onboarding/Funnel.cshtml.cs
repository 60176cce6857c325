using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Onboarding;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Pages.Library;

namespace Pps.Web.Pages.Onboarding;

[Authorize(Policy = AwarenessModule.OversightPolicy)]
public sealed class FunnelModel(IMediator mediator, PpsDb db, ICurrentMember me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? EstateId { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public OnboardingFunnel? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Estates = await OverseenEstates.ForAsync(db, me, ct);
        EstateId ??= Estates.Count > 0 ? Estates[0].Id : null;
        if (EstateId is { } id)
        {
            Result = (await mediator.Send(new GetOnboardingFunnel(id), ct)).Value;
            if (Result is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMetAsync(Guid memberId, CancellationToken ct)
    {
        var result = await mediator.Send(new RecordAssociationMeeting(memberId), ct);
        return result.IsSuccess ? RedirectToPage(new { estateId = EstateId }) : NotFound();
    }
}
