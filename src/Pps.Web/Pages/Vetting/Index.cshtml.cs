using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Vetting;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me, IStringLocalizer<VettingText> text) : PageModel
{
    public VettingProgress? Progress { get; private set; }

    public IReadOnlyList<VettingCandidate> Queue { get; private set; } = [];

    public bool IsEz => me.IsInRole(Roles.Ez);

    public bool Governs => IsEz || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e));

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Progress = (await mediator.Send(new GetMyVetting(), ct)).Value;
        Queue = (await mediator.Send(new GetVettingQueue(), ct)).Value ?? [];
    }

    public async Task<IActionResult> OnPostVouchAsync(Guid memberId, CancellationToken ct)
        => Done(await mediator.Send(new VouchForMember(memberId), ct));

    public async Task<IActionResult> OnPostConfirmAsync(Guid memberId, CancellationToken ct)
        => Done(await mediator.Send(new ConfirmVetting(memberId, null), ct));

    private RedirectToPageResult Done(Result result)
    {
        if (result.IsSuccess)
        {
            Message = text["Done"];
        }
        else
        {
            Error = text["Failed", result.Detail ?? string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? [])];
        }

        return RedirectToPage();
    }
}
