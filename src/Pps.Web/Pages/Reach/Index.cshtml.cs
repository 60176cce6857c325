using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Reach;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Reach;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public List<string> PushSeverities { get; set; } = [];

    [BindProperty]
    public bool SmsUrgent { get; set; }

    [BindProperty]
    public string Digest { get; set; } = "none";

    public int Devices { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var prefs = await mediator.Send(new GetReachPreferences(), ct);
        PushSeverities = prefs.PushSeverities.ToList();
        SmsUrgent = prefs.SmsUrgent;
        Digest = prefs.Digest;
        Devices = (await mediator.Send(new GetMyPushSubscriptions(), ct)).Count;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Only known values reach the command, so a tampered form cannot turn into a validation error page.
        var chosen = PushSeverities.Where(s => s is "info" or "warning" or "urgent").Distinct().ToList();
        var prefs = await mediator.Send(new SetReachPreferences(chosen, SmsUrgent, DigestPeriods.Parse(Digest) is null ? null : Digest), ct);
        PushSeverities = prefs.PushSeverities.ToList();
        SmsUrgent = prefs.SmsUrgent;
        Digest = prefs.Digest;
        Devices = (await mediator.Send(new GetMyPushSubscriptions(), ct)).Count;
        Saved = true;
        return Page();
    }
}
