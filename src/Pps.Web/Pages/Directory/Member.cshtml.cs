using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

[Authorize(Policy = Policies.Member)]
public sealed class MemberModel(IMediator mediator) : PageModel
{
    public DirectoryEntryDto? Entry { get; private set; }

    /// <summary>The caller governs the member's estate (board or EZ): the same check the suspension itself makes.</summary>
    public bool MaySuspend { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Entry = (await mediator.Send(new GetDirectoryMember(id), ct)).Value;
        if (Entry is null)
        {
            return NotFound();
        }

        MaySuspend = (await mediator.Send(new Features.Vetting.GetSuspension(id), ct)).Value is { IsSelf: false, SuspendedAt: null };
        return Page();
    }
}
