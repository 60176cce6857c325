using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Admin;

public sealed class IndexModel(ICurrentMember me) : PageModel
{
    public bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    public void OnGet()
    {
    }
}
