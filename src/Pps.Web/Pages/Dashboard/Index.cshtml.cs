using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel : PageModel
{
    public string Name { get; private set; } = "";

    public void OnGet() => Name = User.FindFirst(PpsClaims.DisplayName)?.Value ?? "";
}
