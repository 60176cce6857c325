using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Signals;

[Authorize(Policy = Policies.Member)]
public sealed class MineModel(IMediator mediator) : SignalPageModel
{
    public IReadOnlyList<ReporterCase> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await mediator.Send(new GetMySignals(), ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, string? answer, CancellationToken ct)
    {
        var (ok, result) = await TrySendAsync(mediator, new AnswerAsMember(id, answer ?? ""), ct);
        if (result?.Status == ResultStatus.NotFound)
        {
            return NotFound();
        }

        if (ok)
        {
            return Redirect("/Signals/Mine");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        Cases = await mediator.Send(new GetMySignals(), ct);
        return Page();
    }
}
