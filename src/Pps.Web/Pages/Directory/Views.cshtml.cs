using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

[Authorize(Policy = Policies.Member)]
public sealed class ViewsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<DirectoryView> Views { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Views = await mediator.Send(new GetDirectoryViews(), ct);
}
