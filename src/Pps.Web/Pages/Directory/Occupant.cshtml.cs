using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

/// <summary>A board member of the unit's estate or EZ registers the unit's new occupant (who is invited to onboard) or marks it vacant.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class OccupantModel(IMediator mediator, IStringLocalizer<DirectoryText> text) : PageModel
{
    [BindProperty]
    public bool Vacant { get; set; }

    [BindProperty]
    public string? BusinessName { get; set; }

    [BindProperty]
    public string? KvkNumber { get; set; }

    [BindProperty]
    public string? BranchNumber { get; set; }

    [BindProperty]
    public string? SbiCode { get; set; }

    [BindProperty]
    public string? Activity { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    public OccupancyUnit? Unit { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid unitId, CancellationToken ct)
        => await LoadAsync(unitId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid unitId, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, ct))
        {
            return NotFound();
        }

        try
        {
            var result = await mediator.Send(new ChangeOccupant(unitId, Vacant, Blank(BusinessName), Blank(KvkNumber), Blank(BranchNumber), Blank(SbiCode), Blank(Activity), Blank(ContactEmail)), ct);
            if (result.Value is { } changed)
            {
                TempData["Message"] = changed.Invited ? text["OccupantSavedInvited", Unit!.Address].Value : text["OccupantSaved", Unit!.Address].Value;
                return RedirectToPage("Units", new { estateId = Unit.EstateId });
            }

            Error = text["Failed", result.Detail ?? string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? [])];
        }
        catch (FluentValidation.ValidationException ex)
        {
            Error = text["Failed", string.Join(" ", ex.Errors.Select(e => e.ErrorMessage))];
        }

        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<bool> LoadAsync(Guid unitId, CancellationToken ct)
    {
        // Any refusal is a 404 here: whether a unit exists is not the business of who may not change it.
        Unit = (await mediator.Send(new GetOccupancy(null, unitId), ct)).Value?.Units.SingleOrDefault();
        return Unit is not null;
    }
}
