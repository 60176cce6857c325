using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Tenancy;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Admin;

/// <summary>
/// The tenant's two-factor requirement (the /Admin folder's TenantAdmin policy; the handlers keep a tenant administrator
/// to their own tenant). The platform administrator first chooses the tenant.
/// </summary>
public sealed class TwoFactorModel(IMediator mediator, ICurrentMember me, IStringLocalizer<TwoFactorPolicyText> text) : PageModel
{
    public TwoFactorPolicyView? Policy { get; private set; }

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Message { get; private set; }

    [BindProperty]
    public TwoFactorRequirement? Requirement { get; set; }

    [BindProperty]
    public int? GraceDays { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? tenantId, bool saved = false, CancellationToken ct = default)
    {
        if (Chosen(tenantId) is not { } id)
        {
            Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
            return Page();
        }

        var result = await mediator.Send(new GetTwoFactorPolicy(id), ct);
        if (result.Value is not { } policy)
        {
            return NotFound();
        }

        Policy = policy;
        Requirement = policy.Requirement;
        Message = saved ? text["Saved"].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? tenantId, CancellationToken ct)
    {
        if (Chosen(tenantId) is not { } id)
        {
            return NotFound();
        }

        try
        {
            var result = await mediator.Send(new ChangeTwoFactorPolicy(id, Requirement, GraceDays), ct);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { tenantId = me.IsInRole(Roles.PlatformAdmin) ? id : (Guid?)null, saved = true });
            }

            if (!Errors.Add(result))
            {
                return NotFound();
            }
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        if ((await mediator.Send(new GetTwoFactorPolicy(id), ct)).Value is not { } policy)
        {
            return NotFound();
        }

        Policy = policy;
        return Page();
    }

    /// <summary>A tenant administrator works on their own tenant; the platform administrator names one.</summary>
    private Guid? Chosen(Guid? tenantId) => me.IsInRole(Roles.PlatformAdmin) ? tenantId : me.TenantId;
}
