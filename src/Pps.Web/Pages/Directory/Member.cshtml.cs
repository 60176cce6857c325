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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Entry = (await mediator.Send(new GetDirectoryMember(id), ct)).Value;
        return Entry is null ? NotFound() : Page();
    }
}
