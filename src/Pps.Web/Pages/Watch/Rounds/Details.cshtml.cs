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

    public bool MayReport => Ended && !Round.Cancelled && (IsParticipant || me.HasEstateRole(Roles.Board, Round.EstateId));

    public bool IsBoard => me.Vetting == Features.Members.VettingLevel.Vetted && me.HasEstateRole(Roles.Board, Round.EstateId);

    /// <summary>Vetted members of the estate not on the round: whom a place can be offered to or who can be assigned.</summary>
    public IReadOnlyList<WatchMember> Others { get; private set; } = [];

    [BindProperty]
    public RoundTimes Change { get; set; } = new();

    [BindProperty]
    public bool AllQuiet { get; set; } = true;

    [BindProperty]
    public string? Findings { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignUpAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new SignUpForRound(id), ct)), ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new WithdrawFromRound(id), ct)), ct);

    public async Task<IActionResult> OnPostAcceptSwapAsync(Guid id, CancellationToken ct) => await Act(id, await WatchPage.Run(() => mediator.Send(new AcceptRoundSwap(id), ct)), ct);

    public async Task<IActionResult> OnPostOfferSwapAsync(Guid id, Guid memberId, CancellationToken ct)
        => await Act(id, await WatchPage.Run(() => mediator.Send(new OfferRoundSwap(id, memberId), ct)), ct);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid memberId, CancellationToken ct)
        => await Act(id, await WatchPage.Run(() => mediator.Send(new AssignToRound(id, memberId), ct)), ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
        => await Act(id, await WatchPage.Run(() => mediator.Send(new CancelRound(id), ct)), ct);

    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct)
    {
        if (Change.Times() is not { } times)
        {
            ModelState.AddModelError("Change.Date", "Give the date, start and end.");
            return await LoadAsync(id, ct, keepInput: true) ? Page() : NotFound();
        }

        return await Act(id, await WatchPage.Run(() => mediator.Send(new UpdateRound(id, times.Start, times.End, Change.Route ?? "", Change.MinimumPeople), ct)), ct);
    }

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
        return await LoadAsync(id, ct, keepInput: true) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, bool keepInput = false)
    {
        var r = await mediator.Send(new GetRound(id), ct);
        if (r.Value is null)
        {
            return false;
        }

        Round = r.Value;
        if (!keepInput)
        {
            Change = RoundTimes.Of(Round);
        }

        if (!Ended && !Round.Cancelled && (IsParticipant || IsBoard))
        {
            var onRound = Round.Participants.Select(p => p.MemberId).ToHashSet();
            Others = ((await mediator.Send(new GetWatchMembers(Round.EstateId), ct)).Value ?? []).Where(m => !onRound.Contains(m.Id)).ToList();
        }

        return true;
    }
}
