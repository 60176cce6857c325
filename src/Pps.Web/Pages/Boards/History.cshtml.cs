using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Boards;

[Authorize(Policy = Policies.Member)]
public sealed class HistoryModel(IMediator mediator) : PageModel
{
    public PostDto Post { get; private set; } = null!;

    public IReadOnlyList<RevisionDto> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var post = await mediator.Send(new GetPost(id), ct);
        var revisions = await mediator.Send(new GetPostRevisions(id), ct);
        if (post.Value is null || revisions.Value is null)
        {
            return NotFound();
        }

        Post = post.Value;
        Revisions = revisions.Value;
        return Page();
    }
}
