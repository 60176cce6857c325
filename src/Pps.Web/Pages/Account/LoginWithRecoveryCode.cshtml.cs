using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>Second step of log-in with a one-time recovery code, for a member who lost their authenticator.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

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

        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length is 0 or > 20)
        {
            AddError(nameof(RecoveryCode));
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        var action = result.Succeeded ? "auth.login" : result.IsLockedOut ? "auth.lockout" : "auth.login-failed";
        await audit.WriteForAsync(member.Id, member.Email ?? "", member.TenantId, action, $"member:{member.Id}",
            result.Succeeded ? AuditResult.Success : AuditResult.Failure, "page; recovery code");
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Dashboard");
        }

        AddError(nameof(RecoveryCode), result.IsLockedOut ? Text["Error_LockedOut"].Value : null);
        return Page();
    }
}
