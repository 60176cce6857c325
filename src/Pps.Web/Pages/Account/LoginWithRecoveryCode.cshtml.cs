using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>Second step of log-in with a one-time recovery code, for a member who lost their authenticator.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<MembersText> text)
    : SecondFactorPage(signIn, audit, text)
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    protected override string CodeField => nameof(RecoveryCode);

    protected override string AuditDetail => "page; recovery code";

    protected override string? EnteredCode()
    {
        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        return code.Length is > 0 and <= 20 ? code : null;
    }

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<Member> signIn, string code)
        => signIn.TwoFactorRecoveryCodeSignInAsync(code);
}
