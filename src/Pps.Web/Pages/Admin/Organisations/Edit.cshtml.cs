using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Admin.Organisations;

/// <summary>Adds an organisation (no id) or edits one, through the same use cases as the API.</summary>
public sealed class EditModel(IMediator mediator, ICurrentMember me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The tenant the platform administrator works in; an OOV always works in their own.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public OrganisationKind Kind { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? KvkNumber { get; set; }

    [BindProperty]
    public string? BranchNumber { get; set; }

    [BindProperty]
    public string? SbiCode { get; set; }

    [BindProperty]
    public string? Activity { get; set; }

    [BindProperty]
    public Department? Department { get; set; }

    [BindProperty]
    public PartnerKind? PartnerKind { get; set; }

    [BindProperty]
    public Guid? EstateId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public IReadOnlyList<AdminEstate> Estates { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    private bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            if ((await mediator.Send(new GetOrganisation(id), ct)).Value is not { } o)
            {
                return NotFound();
            }

            (TenantId, Kind, Name, KvkNumber, BranchNumber, SbiCode, Activity) = (o.TenantId, o.Kind, o.Name, o.KvkNumber, o.BranchNumber, o.SbiCode, o.Activity);
            (Department, PartnerKind, EstateId, Email, Phone) = (o.Department, o.PartnerKind, o.EstateId, o.Email, o.Phone);
        }
        else if (IsPlatformAdmin && TenantId is null)
        {
            return RedirectToPage("Index");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // Only a hand-made request gets here (the form offers valid choices); say which field.
            foreach (var (field, entry) in ModelState.Where(kv => kv.Value?.Errors.Count > 0))
            {
                Errors.Add(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field), entry!.Errors[0].ErrorMessage);
            }

            await LoadAsync(ct);
            return Page();
        }

        try
        {
            Result result = Id is { } id
                ? await mediator.Send(new UpdateOrganisation(id, Kind, Name ?? "", Blank(KvkNumber), Blank(BranchNumber), Blank(SbiCode), Blank(Activity), Department, PartnerKind, EstateId, Blank(Email), Blank(Phone)), ct)
                : await mediator.Send(new CreateOrganisation(Kind, Name ?? "", Blank(KvkNumber), Blank(BranchNumber), Blank(SbiCode), Blank(Activity), Department, PartnerKind, EstateId, Blank(Email), Blank(Phone), IsPlatformAdmin ? TenantId : null), ct);
            if (result.IsSuccess)
            {
                return RedirectToPage("Index", new { saved = true, tenantId = IsPlatformAdmin ? TenantId : null });
            }

            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            if (!Errors.Add(result))
            {
                return Forbid();
            }
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
        => Estates = (await mediator.Send(new GetAdminEstates(IsPlatformAdmin ? TenantId : null), ct)).Value ?? [];

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
