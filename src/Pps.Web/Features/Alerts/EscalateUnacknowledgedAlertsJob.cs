using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// E-mails every recipient who has not acknowledged an urgent alert that requires acknowledgement once
/// <see cref="AlertsOptions.EscalateAfter"/> has passed, with a one-click acknowledgement link. Each receipt
/// is escalated once (marked in the same save as the queued mail, and the mail's purpose is once-only).
/// </summary>
internal sealed class EscalateUnacknowledgedAlertsJob(
    PpsDb db,
    ITenantContext tenant,
    IEmailQueue email,
    AlertAckTokens tokens,
    IOptions<AlertsOptions> alertOptions,
    IOptions<PpsOptions> ppsOptions,
    TimeProvider clock) : IJob
{
    public static string Name => "escalate-unacknowledged-alerts";

    public static TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var due = now - alertOptions.Value.EscalateAfter;
        var rows = await (from r in db.AlertReceipts
                          join a in db.Alerts on r.AlertId equals a.Id
                          join m in db.Members on r.MemberId equals m.Id
                          where a.Severity == AlertSeverity.Urgent && a.RequiresAcknowledgement
                                && a.PostedAt <= due && (a.ExpiresAt == null || a.ExpiresAt > now)
                                && r.AcknowledgedAt == null && r.EscalatedAt == null
                                && m.ErasedAt == null && m.Email != null
                          orderby a.Sequence
                          select new { Receipt = r, Alert = a, m.Email, m.DisplayName })
            .Take(500)
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return;
        }

        var baseUrl = ppsOptions.Value.PublicBaseUrl.TrimEnd('/');
        foreach (var row in rows)
        {
            var link = $"{baseUrl}/Alerts/Ack?token={Uri.EscapeDataString(tokens.Create(row.Alert.Id, row.Receipt.MemberId))}";
            var html = HtmlEncoder.Default;
            await email.QueueAsync(new EmailMessage(
                row.Email!,
                $"Dringend, bevestig a.u.b. / Urgent, please acknowledge: {row.Alert.Title}",
                $"{row.Alert.Title}\n\n{row.Alert.Body}\n\nBevestig dat je dit gezien hebt / Acknowledge that you have seen this:\n{link}\n\nDe link is 24 uur geldig. / The link is valid for 24 hours.\n",
                $"<h1>{html.Encode(row.Alert.Title)}</h1><p>{html.Encode(row.Alert.Body)}</p>"
                + $"<p><a href=\"{html.Encode(link)}\">Bevestig dat je dit gezien hebt</a> / <a lang=\"en\" href=\"{html.Encode(link)}\">Acknowledge that you have seen this</a></p>"
                + "<p>De link is 24 uur geldig. / The link is valid for 24 hours.</p>",
                Purpose: $"alert-escalation:{row.Alert.Id}",
                TenantId: row.Alert.TenantId), ct);
            row.Receipt.EscalatedAt = now;
        }

        await db.SaveChangesAsync(ct);
    }
}
