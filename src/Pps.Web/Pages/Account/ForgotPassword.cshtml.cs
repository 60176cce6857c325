using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Pages.Account;

/// <summary>Sends a reset link to a confirmed address. The answer is the same whether or not the address has an account.</summary>
[EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class ForgotPasswordModel(
    UserManager<Member> users,
    IEmailQueue mail,
    IAuditLog audit,
    IOptions<PpsOptions> options,
    IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || Email.Length > 254 || !Email.Contains('@', StringComparison.Ordinal))
        {
            AddError(nameof(Email));
            return Page();
        }

        var email = Email.Trim();
        var member = await users.Users.IgnoreQueryFilters()
            .SingleOrDefaultAsync(m => m.NormalizedEmail == users.NormalizeEmail(email) && m.ErasedAt == null, ct);
        if (member is not null && member.EmailConfirmed)
        {
            var token = await users.GeneratePasswordResetTokenAsync(member);
            var link = options.Value.PublicBaseUrl.TrimEnd('/')
                + $"/Account/ResetPassword?email={Uri.EscapeDataString(member.Email!)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
            await mail.QueueAsync(new EmailMessage(member.Email!, Text["MailResetSubject"], Text["MailResetText", member.DisplayName, link], TenantId: member.TenantId), ct);

            // Saves the queued mail and the audit entry together.
            await audit.WriteForAsync(member.Id, member.Email!, member.TenantId, "auth.password-reset-requested", $"member:{member.Id}", AuditResult.Success, "page", ct);
        }

        Sent = true;
        return Page();
    }
}
