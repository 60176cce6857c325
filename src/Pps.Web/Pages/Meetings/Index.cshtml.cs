using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Meetings;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Meetings;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me) : PageModel
{
    public IReadOnlyList<MeetingSummary> Upcoming { get; private set; } = [];

    public bool MayOrganise { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Upcoming = await mediator.Send(new GetMyMeetings(), ct);
        MayOrganise = me.IsStaff || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e));
    }
}
