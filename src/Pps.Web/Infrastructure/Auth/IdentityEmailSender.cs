using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>
/// Identity's confirmation and reset e-mails (from the <c>/api/auth</c> endpoints), through the hub's e-mail queue
/// (SMTP), in the language of the request. The pages under <c>/Account</c> queue their own mail in their unit of work.
/// </summary>
/// <remarks>Identity resolves this from the root provider, so it opens its own scope per message.</remarks>
internal sealed class IdentityEmailSender(IServiceScopeFactory scopes, IStringLocalizer<MembersText> t) : IEmailSender<Member>
{
    public Task SendConfirmationLinkAsync(Member user, string email, string confirmationLink)
        => SendAsync(user, email, t["MailConfirmSubject"], t["MailConfirmText", user.DisplayName, confirmationLink]);

    public Task SendPasswordResetLinkAsync(Member user, string email, string resetLink)
        => SendAsync(user, email, t["MailResetSubject"], t["MailResetText", user.DisplayName, resetLink]);

    public Task SendPasswordResetCodeAsync(Member user, string email, string resetCode)
        => SendAsync(user, email, t["MailResetSubject"], t["MailResetCodeText", user.DisplayName, resetCode]);

    private async Task SendAsync(Member user, string email, string subject, string text)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailQueue>().QueueAsync(new EmailMessage(email, subject, text, TenantId: user.TenantId));
        await scope.ServiceProvider.GetRequiredService<PpsDb>().SaveChangesAsync();
    }
}
