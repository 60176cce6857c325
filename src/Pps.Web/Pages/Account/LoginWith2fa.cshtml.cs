using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>Second step of log-in for members with an authenticator app.</summary>
public sealed class LoginWith2faModel(SignInManager<Member> signIn, IAuditLog audit, IStringLocalizer<MembersText> text)
    : SecondFactorPage(signIn, audit, text)
{
    [BindProperty]
    public string? Code { get; set; }

    protected override string CodeField => nameof(Code);

    protected override string AuditDetail => "page; authenticator code";

    protected override string? EnteredCode()
    {
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return code.Length is >= 6 and <= 8 && code.All(char.IsAsciiDigit) ? code : null;
    }

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<Member> signIn, string code)
        => signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
}
