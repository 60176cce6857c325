using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>Identity's confirmation and reset e-mails, through the hub's e-mail queue (SMTP).</summary>
/// <remarks>Identity resolves this from the root provider, so it opens its own scope per message.</remarks>
internal sealed class IdentityEmailSender(IServiceScopeFactory scopes) : IEmailSender<Member>
{
    public Task SendConfirmationLinkAsync(Member user, string email, string confirmationLink)
        => SendAsync(user, email, "Bevestig je e-mailadres / Confirm your e-mail address",
            $"Bevestig je e-mailadres voor de PPS Hub:\n{confirmationLink}\n\nConfirm your e-mail address for the PPS Hub:\n{confirmationLink}\n",
            $"<p>Bevestig je e-mailadres voor de PPS Hub: <a href=\"{HtmlEncoder.Default.Encode(confirmationLink)}\">bevestigen</a></p><p lang=\"en\">Confirm your e-mail address: <a href=\"{HtmlEncoder.Default.Encode(confirmationLink)}\">confirm</a></p>");

    public Task SendPasswordResetLinkAsync(Member user, string email, string resetLink)
        => SendAsync(user, email, "Wachtwoord herstellen / Reset your password",
            $"Stel een nieuw wachtwoord in:\n{resetLink}\n\nSet a new password:\n{resetLink}\n",
            $"<p>Stel een nieuw wachtwoord in: <a href=\"{HtmlEncoder.Default.Encode(resetLink)}\">herstellen</a></p><p lang=\"en\">Set a new password: <a href=\"{HtmlEncoder.Default.Encode(resetLink)}\">reset</a></p>");

    public Task SendPasswordResetCodeAsync(Member user, string email, string resetCode)
        => SendAsync(user, email, "Herstelcode / Reset code",
            $"Je herstelcode / your reset code: {resetCode}\n",
            null);

    private async Task SendAsync(Member user, string email, string subject, string text, string? html)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailQueue>().QueueAsync(new EmailMessage(email, subject, text, html, TenantId: user.TenantId));
        await scope.ServiceProvider.GetRequiredService<PpsDb>().SaveChangesAsync();
    }
}
