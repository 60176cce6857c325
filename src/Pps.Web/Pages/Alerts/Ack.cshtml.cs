using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Alerts;

namespace Pps.Web.Pages.Alerts;

/// <summary>
/// The one-click link from an escalation e-mail. The GET only shows a confirm button, because mail scanners
/// follow links; the POST acknowledges. No sign-in: the signed, expiring token names alert and member.
/// </summary>
[AllowAnonymous]
public sealed class AckModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public AlertMessage? Alert { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Alert = (await mediator.Send(new AcknowledgeAlertByLink(Token, Confirm: false), ct)).Value;
        Done = Alert?.AcknowledgedAt is not null;
        return Respond();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Alert = (await mediator.Send(new AcknowledgeAlertByLink(Token, Confirm: true), ct)).Value;
        Done = Alert is not null;
        return Respond();
    }

    private IActionResult Respond()
    {
        if (Alert is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
