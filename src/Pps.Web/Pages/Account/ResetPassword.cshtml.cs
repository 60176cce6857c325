using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>Sets a new password from the e-mailed link. An unknown address and a bad link get the same answer.</summary>
public sealed class ResetPasswordModel(UserManager<Member> users, IAuditLog audit, IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Done { get; private set; }

    public bool LinkInvalid { get; private set; }

    public void OnGet() => LinkInvalid = string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Code) || Email.Length > 254 || Code.Length > 2000)
        {
            LinkInvalid = true;
            return Page();
        }

        if (string.IsNullOrEmpty(Password) || Password.Length < 10 || Password.Length > 200)
        {
            AddError(nameof(Password));
        }
        else if (Password != ConfirmPassword)
        {
            AddError(nameof(ConfirmPassword));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            LinkInvalid = true;
            return Page();
        }

        var member = await users.Users.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.NormalizedEmail == users.NormalizeEmail(Email) && m.ErasedAt == null);
        if (member is null)
        {
            LinkInvalid = true;
            return Page();
        }

        var result = await users.ResetPasswordAsync(member, token, Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
            {
                AddError(nameof(Password));
            }
            else
            {
                LinkInvalid = true;
            }

            await audit.WriteForAsync(member.Id, member.Email!, member.TenantId, "auth.password-reset", $"member:{member.Id}", AuditResult.Failure, "page");
            return Page();
        }

        await audit.WriteForAsync(member.Id, member.Email!, member.TenantId, "auth.password-reset", $"member:{member.Id}", AuditResult.Success, "page");
        Done = true;
        return Page();
    }
}
