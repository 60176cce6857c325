using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Alerts;

[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(IMediator mediator, ICurrentMember me) : PageModel
{
    public AlertView View { get; private set; } = null!;

    public AlertReceiptSummary? Receipts { get; private set; }

    public Guid MemberId => me.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetAlert(id), ct);
        if (result.Value is null)
        {
            return NotFound();
        }

        View = result.Value;
        if (View.IsRecipient && View.Alert.ReadAt is null)
        {
            // Opening the alert is reading it.
            View = View with { Alert = (await mediator.Send(new MarkAlertRead(id), ct)).Value ?? View.Alert };
        }

        if (View.MaySeeReceipts)
        {
            Receipts = (await mediator.Send(new GetAlertReceipts(id), ct)).Value;
        }

        return Page();
    }
}
