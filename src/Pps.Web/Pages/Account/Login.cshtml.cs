using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

public sealed class LoginModel(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<SharedText> t, IAuthenticationSchemeProvider schemes) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>True when the municipal OpenID Connect sign-in is configured.</summary>
    public bool MunicipalLoginEnabled { get; private set; }

    public async Task OnGetAsync() => MunicipalLoginEnabled = await schemes.GetSchemeAsync(MunicipalLogin.Scheme) is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 254 || Password.Length > 200)
        {
            Error = t["LoginFailed"];
            MunicipalLoginEnabled = await schemes.GetSchemeAsync(MunicipalLogin.Scheme) is not null;
            return Page();
        }

        var member = await signIn.UserManager.Users.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.NormalizedEmail == signIn.UserManager.NormalizeEmail(Email));
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        var action = result.Succeeded ? "auth.login" : result.IsLockedOut ? "auth.lockout" : result.RequiresTwoFactor ? "auth.login-2fa-required" : "auth.login-failed";
        await audit.WriteForAsync(member?.Id, Email, member?.TenantId, action, member is null ? null : $"member:{member.Id}",
            result.Succeeded || result.RequiresTwoFactor ? AuditResult.Success : AuditResult.Failure, "page");

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Dashboard");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        Error = result.IsLockedOut ? t["LockedOut"] : t["LoginFailed"];
        MunicipalLoginEnabled = await schemes.GetSchemeAsync(MunicipalLogin.Scheme) is not null;
        return Page();
    }
}
