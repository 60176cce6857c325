using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.MemberDirectory;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me) : PageModel
{
    /// <summary>EZ and board members register occupants and handle suspensions; the links are shown only to them.</summary>
    public bool Governs => DirectoryManagementAccess.Governs(me);

    public bool MayImport => DirectoryManagementAccess.MayImport(me);

    [BindProperty(SupportsGet = true)]
    public Guid? EstateId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public DirectoryPage? Directory { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Q?.Length > 200)
        {
            Q = Q[..200];
        }

        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        var result = await mediator.Send(new GetDirectory(EstateId, Q, PageNumber), ct);
        if (result.Value is null)
        {
            return NotFound();
        }

        Directory = result.Value;
        return Page();
    }
}
