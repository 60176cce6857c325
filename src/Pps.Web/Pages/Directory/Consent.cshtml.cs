using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

[Authorize(Policy = Policies.Member)]
public sealed class ConsentModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public bool SharePhone { get; set; }

    [BindProperty]
    public bool ShareEmail { get; set; }

    public ConsentDto? Consent { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Consent = (await mediator.Send(new GetDirectoryConsent(), ct)).Value;
        if (Consent is null)
        {
            return NotFound();
        }

        SharePhone = Consent.SharePhone;
        ShareEmail = Consent.ShareEmail;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Consent = (await mediator.Send(new SetDirectoryConsent(SharePhone, ShareEmail), ct)).Value;
        if (Consent is null)
        {
            return NotFound();
        }

        Saved = true;
        return Page();
    }
}
