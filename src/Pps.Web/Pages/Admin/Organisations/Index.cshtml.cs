using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Admin.Organisations;

public sealed class IndexModel(IMediator mediator, ICurrentMember me, IStringLocalizer<TenancyText> text) : PageModel
{
    public bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public OrganisationPage? Result { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Message { get; private set; }

    public async Task OnGetAsync(bool saved = false, CancellationToken ct = default)
    {
        Message = saved ? text["OrganisationSaved"].Value : null;
        if (IsPlatformAdmin)
        {
            Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
            if (TenantId is null)
            {
                return;
            }
        }

        try
        {
            var result = await mediator.Send(new GetOrganisations(IsPlatformAdmin ? TenantId : null, Kind, Q, PageNumber), ct);
            Result = result.Value;
            Errors.Add(result);
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }
    }

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (TenantId is { } t)
        {
            query["tenantId"] = t.ToString();
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            query["kind"] = Kind;
        }

        if (!string.IsNullOrEmpty(Q))
        {
            query["q"] = Q;
        }

        return QueryHelpers.AddQueryString("/Admin/Organisations", query);
    }
}
