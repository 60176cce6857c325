using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Live;

namespace Pps.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<Member> signIn, UserManager<Member> users, LiveSessions sessions, IAuditLog audit, Features.Sessions.SessionRecords records) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync("auth.logout", null);
            if (await users.GetUserAsync(User) is { } member)
            {
                // Removing the cookie from this browser is not enough: a copied cookie, a bearer token's refresh and the
                // member's open hub connections (on any instance) all end with the rotated stamp.
                await records.EndAsync(Features.Sessions.SessionClaims.SessionIdOf(User) ?? Guid.Empty, member.Id, SessionRevocation.SignedOut, HttpContext.RequestAborted);
                await users.UpdateSecurityStampAsync(member);
                await sessions.EndAsync(member.Id, SessionRevocation.SignedOut);
            }
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
