using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Sessions;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Profile;

/// <summary>Where the member is signed in, and ending any of those sign-ins (ASVS 7.5.2); same use cases as the API.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SessionsModel(IMediator mediator, IStringLocalizer<SessionsText> text) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? done, int? count, CancellationToken ct)
    {
        Message = done switch
        {
            "ended" => text["Ended"].Value,
            "others" => text["EndedOthers", count ?? 0].Value,
            "gone" => text["NotFound"].Value,
            _ => null,
        };
        Sessions = await mediator.Send(new GetMySessions(), ct);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid sessionId, CancellationToken ct)
    {
        var current = SessionClaims.SessionIdOf(User) == sessionId;
        var result = await mediator.Send(new EndMySession(sessionId), ct);
        if (!result.IsSuccess)
        {
            return RedirectToPage(new { done = "gone" });
        }

        // Ending this browser's own session signs it out: the next page asks for a sign-in.
        return current ? Redirect("/Account/Login") : RedirectToPage(new { done = "ended" });
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new EndMyOtherSessions(), ct);
        return RedirectToPage(new { done = "others", count = result.Value });
    }

    public string Device(SessionView s)
    {
        var browser = s.Browser ?? text[s.Kind == SessionKinds.App ? "UnknownApp" : "UnknownBrowser"].Value;
        return s.System is null ? browser : text["BrowserOnSystem", browser, s.System].Value;
    }
}
