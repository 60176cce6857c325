using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Members;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Boards;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me) : PageModel
{
    public IReadOnlyList<BoardDto> Boards { get; private set; } = [];

    public bool VettingPending => me.Vetting != VettingLevel.Vetted && !me.IsStaff;

    public Guid MemberId => me.Id;

    public async Task OnGetAsync(CancellationToken ct) => Boards = await mediator.Send(new GetBoards(), ct);
}
