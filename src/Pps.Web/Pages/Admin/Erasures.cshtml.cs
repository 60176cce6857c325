using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Admin;

/// <summary>Open erasure requests; the folder convention limits it to the platform administrator and OOV.</summary>
public sealed class ErasuresModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ErasureRequest> Requests { get; private set; } = [];

    public bool Erased { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Erased = Request.Query.ContainsKey("erased");
        Requests = await mediator.Send(new GetErasureRequests(), ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new EraseMember(id), ct);
        return result.Status switch
        {
            ResultStatus.Ok => RedirectToPage(new { erased = true }),
            ResultStatus.NotFound => NotFound(),
            _ => RedirectToPage(),
        };
    }
}
