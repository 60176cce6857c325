using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<Member> signIn, IAuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync("auth.logout", null);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
