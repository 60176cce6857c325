using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>Second step of log-in for members with an authenticator app.</summary>
public sealed class LoginWith2faModel(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
        => await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (member is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length is < 6 or > 8 || !code.All(char.IsAsciiDigit))
        {
            AddError(nameof(Code));
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var action = result.Succeeded ? "auth.login" : result.IsLockedOut ? "auth.lockout" : "auth.login-failed";
        await audit.WriteForAsync(member.Id, member.Email ?? "", member.TenantId, action, $"member:{member.Id}",
            result.Succeeded ? AuditResult.Success : AuditResult.Failure, "page; authenticator code");
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Dashboard");
        }

        AddError(nameof(Code), result.IsLockedOut ? Text["Error_LockedOut"].Value : null);
        return Page();
    }
}
