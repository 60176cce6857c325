using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Alerts;

[Authorize(Policy = Policies.Member)]
public sealed class PreferencesModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public List<string> EmailSeverities { get; set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
        => EmailSeverities = (await mediator.Send(new GetAlertPreferences(), ct)).EmailSeverities.ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            EmailSeverities = (await mediator.Send(new SetAlertPreferences(EmailSeverities), ct)).EmailSeverities.ToList();
            Saved = true;
        }
        catch (ValidationException)
        {
            ModelState.AddModelError(nameof(EmailSeverities), "Severities are info, warning and urgent.");
        }

        return Page();
    }
}
