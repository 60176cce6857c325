using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Alerts;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me) : PageModel
{
    public IReadOnlyList<AlertMessage> Alerts { get; private set; } = [];

    public IReadOnlyList<PostedAlertRow> Posted { get; private set; } = [];

    public bool MayPost => me.MayPost();

    public Guid MemberId => me.Id;

    public long LastSequence { get; private set; }

    public int Unread => Alerts.Count(a => a.ReadAt is null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Alerts = await mediator.Send(new GetMyAlerts(null), ct);
        LastSequence = Alerts.Count == 0 ? 0 : Alerts.Max(a => a.Sequence);
        if (MayPost)
        {
            Posted = await mediator.Send(new GetPostedAlerts(), ct);
        }

        await mediator.Send(new MarkAlertsShown(Alerts.Select(a => a.Id).ToArray()), ct);
    }

    /// <summary>The acknowledge button works without JavaScript: a form post, then back to the list.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, string? returnTo, CancellationToken ct)
    {
        var result = await mediator.Send(new AcknowledgeAlert(id), ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        return returnTo == "detail" ? RedirectToPage("/Alerts/Detail", new { id }) : RedirectToPage();
    }
}
