using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch.Rounds;

[Authorize(Policy = Policies.Member)]
public sealed class DetailsModel(IMediator mediator, ICurrentMember me, TimeProvider clock) : PageModel
{
    public RoundView Round { get; private set; } = null!;

    public bool IsParticipant => Round.Participants.Any(p => p.MemberId == me.Id);

    public bool OfferedToMe => Round.Participants.Any(p => p.SwapOfferedTo == me.Id);

    public bool Ended => Round.End <= clock.GetUtcNow();

    public bool MayReport => Ended && (IsParticipant || me.HasEstateRole(Roles.Board, Round.EstateId));

    [BindProperty]
    public bool AllQuiet { get; set; } = true;

    [BindProperty]
    public string? Findings { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignUpAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new SignUpForRound(id), ct)), ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new WithdrawFromRound(id), ct)), ct);

    public async Task<IActionResult> OnPostAcceptSwapAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new AcceptRoundSwap(id), ct)), ct);

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new ReportRound(id, AllQuiet, Findings), ct)), ct);

    private async Task<IActionResult> Act(Guid id, Result result, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return RedirectToPage(new { id });
        }

        if (result.Status == ResultStatus.NotFound && !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.AddErrors(result);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await mediator.Send(new GetRound(id), ct);
        if (r.Value is null)
        {
            return false;
        }

        Round = r.Value;
        return true;
    }
}
