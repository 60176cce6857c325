using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Admin.Estates;

public sealed class IndexModel(IMediator mediator, ICurrentMember me, IStringLocalizer<TenancyText> text) : PageModel
{
    public bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public IReadOnlyList<AdminEstate> Estates { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(bool saved = false, CancellationToken ct = default)
    {
        Message = saved ? text["EstateSaved"].Value : null;
        if (IsPlatformAdmin)
        {
            Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
        }

        Estates = (await mediator.Send(new GetAdminEstates(IsPlatformAdmin ? TenantId : null), ct)).Value ?? [];
    }
}
