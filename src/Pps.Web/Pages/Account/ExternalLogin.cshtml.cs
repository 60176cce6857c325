using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Account;

/// <summary>
/// Log-in with the municipal account (OpenID Connect, <see cref="MunicipalLogin"/>). The external account is linked
/// once to an existing staff member with the same confirmed e-mail address; it never creates a member.
/// </summary>
public sealed class ExternalLoginModel(
    SignInManager<Member> signIn,
    IAuthenticationSchemeProvider schemes,
    PpsDb db,
    IAuditLog audit,
    IStringLocalizer<MembersText> text) : FormPage(text)
{
    /// <summary>Tenant roles that mark municipal staff; entrepreneurs and partners keep signing in with a password.</summary>
    private static readonly string[] StaffRoles = [.. Roles.Staff, Roles.Signals, Roles.IntegrityOfficer];

    public bool Failed { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Account/Login");

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await schemes.GetSchemeAsync(MunicipalLogin.Scheme) is null)
        {
            return NotFound();
        }

        var redirect = Url.Page("/Account/ExternalLogin", "Callback", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(MunicipalLogin.Scheme, redirect), MunicipalLogin.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        var target = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/Dashboard";
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            Failed = true;
            return Page();
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (!result.Succeeded && !result.RequiresTwoFactor && !result.IsLockedOut)
        {
            var email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email");
            var member = string.IsNullOrEmpty(email) ? null : await db.Members.IgnoreQueryFilters()
                .SingleOrDefaultAsync(m => m.NormalizedEmail == signIn.UserManager.NormalizeEmail(email)
                    && m.TenantId != null && m.ErasedAt == null && m.EmailConfirmed);
            var isStaff = member is not null && await db.RoleAssignments.IgnoreQueryFilters()
                .AnyAsync(r => r.MemberId == member.Id && r.EstateId == null && StaffRoles.Contains(r.Role));
            if (member is null || !isStaff)
            {
                await audit.WriteForAsync(member?.Id, email ?? "unknown", member?.TenantId, "auth.login-failed", member is null ? null : $"member:{member.Id}", AuditResult.Failure, "oidc: no linked staff member");
                await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
                Failed = true;
                return Page();
            }

            var linked = await signIn.UserManager.AddLoginAsync(member, info);
            if (linked.Succeeded)
            {
                await audit.WriteForAsync(member.Id, member.Email!, member.TenantId, "auth.external-login-linked", $"member:{member.Id}", AuditResult.Success, "oidc");
                result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
            }
        }

        var signedIn = await signIn.UserManager.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        await audit.WriteForAsync(signedIn?.Id, signedIn?.Email ?? "unknown", signedIn?.TenantId,
            result.Succeeded ? "auth.login" : result.IsLockedOut ? "auth.lockout" : result.RequiresTwoFactor ? "auth.login-2fa-required" : "auth.login-failed",
            signedIn is null ? null : $"member:{signedIn.Id}", result.Succeeded || result.RequiresTwoFactor ? AuditResult.Success : AuditResult.Failure, "oidc");
        if (result.Succeeded)
        {
            return LocalRedirect(target);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = target });
        }

        Failed = true;
        return Page();
    }
}
