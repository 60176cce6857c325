using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>
/// The second step of a page log-in (after the password): the member enters one code, which the derived page checks
/// for shape and signs in with. Both outcomes are audited as a log-in; without a pending first step the page goes back
/// to the log-in.
/// </summary>
public abstract class SecondFactorPage(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The bound form field's name (for its error).</summary>
    protected abstract string CodeField { get; }

    /// <summary>What the audit entry says the member used.</summary>
    protected abstract string AuditDetail { get; }

    /// <summary>The entered code without separators, or null when it cannot be a code of this kind.</summary>
    protected abstract string? EnteredCode();

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<Member> signIn, string code);

    public async Task<IActionResult> OnGetAsync()
        => await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (member is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (EnteredCode() is not { } code)
        {
            AddError(CodeField);
            return Page();
        }

        var result = await SignInWithAsync(signIn, code);
        var action = result.Succeeded ? "auth.login" : result.IsLockedOut ? "auth.lockout" : "auth.login-failed";
        await audit.WriteForAsync(member.Id, member.Email ?? "", member.TenantId, action, $"member:{member.Id}",
            result.Succeeded ? AuditResult.Success : AuditResult.Failure, AuditDetail);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Dashboard");
        }

        AddError(CodeField, result.IsLockedOut ? Text["Error_LockedOut"].Value : null);
        return Page();
    }
}
