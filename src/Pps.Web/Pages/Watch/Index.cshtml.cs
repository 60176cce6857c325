using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Meetings;
using Pps.Web.Features.Members;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me, PpsDb db, TimeProvider clock) : PageModel
{
    public sealed record EstateRounds(Guid EstateId, string Name, bool IsBoard, IReadOnlyList<RoundView> Rounds);

    public IReadOnlyList<EstateRounds> Estates { get; private set; } = [];

    public IReadOnlyList<RoundView> Mine { get; private set; } = [];

    public bool MaySeeIncidents { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> IncidentEstates { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public DateTime MonthStart { get; private set; }

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    public sealed class PlanInput
    {
        public Guid EstateId { get; set; }

        public DateOnly? Date { get; set; }

        public TimeOnly? Start { get; set; }

        public TimeOnly? End { get; set; }

        public string? Route { get; set; }

        public int MinimumPeople { get; set; } = 2;
    }

    public Guid MemberId => me.Id;

    /// <summary>Shown once, right after it was made: only the token's hash is stored.</summary>
    public string? FeedUrl { get; private set; }

    public DateTimeOffset? FeedActiveSince { get; private set; }

    /// <summary>
    /// The rounds feed shares the member's one calendar secret with the meetings feed (<c>/calendar/{token}.ics</c>), so
    /// making a new address here also replaces the meetings address, and revoking it there stops both.
    /// </summary>
    public async Task OnPostFeedAsync(CancellationToken ct)
    {
        var issued = await mediator.Send(new RegenerateCalendarToken(), ct);
        FeedUrl = issued.Url.Replace("/calendar/", "/calendar/watch/", StringComparison.Ordinal);
        await LoadAsync(ct);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSignUpAsync(Guid roundId, CancellationToken ct)
        => await Act(await WatchPage.Run(() => mediator.Send(new SignUpForRound(roundId), ct)), ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid roundId, CancellationToken ct)
        => await Act(await WatchPage.Run(() => mediator.Send(new WithdrawFromRound(roundId), ct)), ct);

    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct)
    {
        if (Plan.Date is not { } date || Plan.Start is not { } start || Plan.End is not { } end)
        {
            ModelState.AddModelError("Plan.Date", "Give the date, start and end.");
            await LoadAsync(ct);
            return Page();
        }

        var startUtc = Local(date, start);
        // A round that runs past midnight ends on the next day.
        var endUtc = Local(end <= start ? date.AddDays(1) : date, end);
        return await Act(await WatchPage.Run(() => mediator.Send(new CreateRound(Plan.EstateId, startUtc, endUtc, Plan.Route ?? "", Plan.MinimumPeople), ct)), ct);
    }

    private static DateTimeOffset Local(DateOnly date, TimeOnly time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<IActionResult> Act(Result result, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return RedirectToPage(new { Month });
        }

        ModelState.AddErrors(result);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (year, month) = WatchModule.ParseMonth(Month, clock);
        if (year == 0)
        {
            (year, month) = WatchModule.ParseMonth(null, clock);
        }

        MonthStart = new DateTime(year, month, 1);
        var vetted = me.Vetting == VettingLevel.Vetted;
        var estateIds = vetted ? me.Estates.ToArray() : [];
        var names = await db.Estates.Where(e => estateIds.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var list = new List<EstateRounds>();
        foreach (var e in names)
        {
            var rounds = await mediator.Send(new GetRounds(e.Id, year, month), ct);
            list.Add(new EstateRounds(e.Id, e.Name, me.HasEstateRole(Roles.Board, e.Id), rounds.Value ?? []));
        }

        Estates = list;
        Mine = await mediator.Send(new GetMyRounds(), ct);
        FeedActiveSince = await mediator.Send(new GetCalendarTokenStatus(), ct);
        MaySeeIncidents = list.Count > 0 || me.IsStaff || me.IsInRole(Roles.Police);
        IncidentEstates = me.IsStaff || me.IsInRole(Roles.Police)
            ? (await db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(e => (e.Id, e.Name)).ToList()
            : names.Select(e => (e.Id, e.Name)).ToList();
    }
}
