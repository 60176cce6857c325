using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Kvk;

namespace Pps.Web.Pages.Vetting;

[Authorize(Policy = Policies.Staff)]
public sealed class VerifyModel(IMediator mediator, ICurrentMember me, IKvkAdapter kvk, IStringLocalizer<VettingText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid MemberId { get; set; }

    [BindProperty]
    public string? KvkNumber { get; set; }

    [BindProperty]
    public string? BranchNumber { get; set; }

    [BindProperty]
    public string? Street { get; set; }

    [BindProperty]
    public string? HouseNumber { get; set; }

    [BindProperty]
    public string? PostalCode { get; set; }

    [BindProperty]
    public string? City { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public VettingCandidate? Candidate { get; private set; }

    public bool Manual => !kvk.IsAutomatic;

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        KvkNumber ??= Candidate!.KvkNumber;
        BranchNumber ??= Candidate!.BranchNumber;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        try
        {
            var result = await mediator.Send(new VerifyMember(MemberId, KvkNumber ?? "", BranchNumber ?? "", Street, HouseNumber, PostalCode, City, Note), ct);
            if (result.IsSuccess)
            {
                TempData["Message"] = text["Done"].Value;
                return RedirectToPage("Index");
            }

            Errors = result.Errors ?? new Dictionary<string, string[]>();
            Error = result.Detail ?? string.Join(" ", Errors.SelectMany(e => e.Value));
        }
        catch (FluentValidation.ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!me.IsInRole(Roles.Ez))
        {
            return false;
        }

        Candidate = (await mediator.Send(new GetVettingQueue(), ct)).Value?.FirstOrDefault(c => c.MemberId == MemberId);
        return Candidate is not null;
    }
}
