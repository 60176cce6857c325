using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Library;

[Authorize(Policy = Policies.Member)]
public sealed class MustReadModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MustReadItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = (await mediator.Send(new GetMyMustReads(), ct)).Value ?? [];
}
