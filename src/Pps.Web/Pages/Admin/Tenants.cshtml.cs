using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Admin;

/// <summary>Municipalities: the platform administrator's page (stricter than the /Admin folder's TenantAdmin policy).</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class TenantsModel(IMediator mediator, IStringLocalizer<TenancyText> text) : PageModel
{
    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Message { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    public async Task OnGetAsync(bool created = false, CancellationToken ct = default)
    {
        Message = created ? text["TenantCreated"].Value : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new CreateTenant(Name ?? "", (Slug ?? "").Trim()), ct);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { created = true });
            }

            Errors.Add(result);
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
        => Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
}
