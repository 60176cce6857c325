using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Meetings;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Meetings;

[Authorize(Policy = Policies.Member)]
public sealed class CalendarModel(IMediator mediator) : PageModel
{
    public DateTimeOffset? ActiveSince { get; private set; }

    /// <summary>Shown once, right after it was made; only its hash is stored.</summary>
    public string? NewUrl { get; private set; }

    public bool Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => ActiveSince = await mediator.Send(new GetCalendarTokenStatus(), ct);

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        NewUrl = (await mediator.Send(new RegenerateCalendarToken(), ct)).Url;
        ActiveSince = await mediator.Send(new GetCalendarTokenStatus(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        Revoked = await mediator.Send(new RevokeCalendarToken(), ct);
        return Page();
    }
}
