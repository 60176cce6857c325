using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Pages.Account;

/// <summary>The link from the registration e-mail. Opening it confirms the address; a wrong or used link just says so.</summary>
public sealed class ConfirmEmailModel(UserManager<Member> users, IAuditLog audit, IStringLocalizer<MembersText> text) : FormPage(text)
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid? userId, string? code)
    {
        if (userId is null || string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return;
        }

        var member = await users.Users.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.Id == userId && m.ErasedAt == null);
        if (member is null)
        {
            return;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return;
        }

        var result = await users.ConfirmEmailAsync(member, token);
        Confirmed = result.Succeeded;
        await audit.WriteForAsync(member.Id, member.Email ?? "", member.TenantId, "auth.email-confirmed", $"member:{member.Id}",
            result.Succeeded ? AuditResult.Success : AuditResult.Failure, "page");
    }
}
