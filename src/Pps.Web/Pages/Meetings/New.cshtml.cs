using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Meetings;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Meetings;

[Authorize(Policy = Policies.Member)]
public sealed class NewModel(IMediator mediator, ICurrentMember me, PpsDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Estate> Estates { get; private set; } = [];

    [BindProperty] public string Title { get; set; } = "";

    [BindProperty] public MeetingKind Kind { get; set; }

    [BindProperty] public DateTime Start { get; set; }

    [BindProperty] public DateTime End { get; set; }

    [BindProperty] public List<Guid> EstateIds { get; set; } = [];

    [BindProperty] public string? Agenda { get; set; }

    [BindProperty] public string? Address { get; set; }

    [BindProperty] public string? OnlineUrl { get; set; }

    [BindProperty] public int? Capacity { get; set; }

    [BindProperty] public bool InviteEstates { get; set; }

    [BindProperty] public string? InviteRole { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Estates.Count == 0)
        {
            return NotFound();
        }

        var local = MeetingTimes.ToLocal(clock.GetUtcNow(), Meeting.DefaultTimeZone).Date.AddDays(7);
        InviteEstates = true;
        Start = local.AddHours(10);
        End = local.AddHours(12);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Estates.Count == 0)
        {
            return NotFound();
        }

        ModelState.Clear();
        var rules = new List<InviteRule>();
        if (InviteEstates)
        {
            rules.AddRange(EstateIds.Select(e => new InviteRule(InvitationRuleKind.Estate, e.ToString())));
        }

        if (!string.IsNullOrWhiteSpace(InviteRole))
        {
            rules.Add(new InviteRule(InvitationRuleKind.Role, InviteRole));
        }

        var result = await MeetingPageHelpers.SendAsync(mediator, new CreateMeeting(Title, Kind, Start, End, [.. EstateIds], Agenda, Address, OnlineUrl, Capacity, null, [.. rules]), ModelState, ct);
        if (result is { IsSuccess: true, Value: { } created })
        {
            return Redirect($"/Meetings/{created.Id}");
        }

        if (result?.Status == ResultStatus.Forbidden)
        {
            ModelState.AddModelError("estateIds", result.Detail ?? "");
        }

        return Page();
    }

    /// <summary>Estates the caller may organise for: all of the tenant for staff, else where they sit on the board.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var all = await db.Estates.OrderBy(e => e.Name).ToListAsync(ct);
        Estates = me.IsStaff ? all : all.Where(e => me.HasEstateRole(Roles.Board, e.Id)).ToList();
    }
}
