using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Infrastructure.Email;

/// <summary>Sends queued e-mail over SMTP (MailKit). Failures back off and retry; a message is marked sent only after the server accepted it.</summary>
internal sealed class SendQueuedEmailJob(
    PpsDb db,
    ITenantContext tenant,
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<SendQueuedEmailJob> log) : IJob
{
    public static string Name => "send-queued-email";

    public static TimeSpan Interval => TimeSpan.FromSeconds(5);

    private const int BatchSize = 50;

    /// <summary>At most this many batches per pass (5,000 messages), so one pass stays within its job lease.</summary>
    private const int MaxBatchesPerPass = 100;

    /// <summary>Well inside the job's 30 s lease, so a second instance never takes over mid-pass and sends twice.</summary>
    private static readonly TimeSpan MaxPassDuration = TimeSpan.FromSeconds(20);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return;
        }

        // Batch after batch until nothing is due (bounded per pass): an urgent alert to a large estate queues thousands
        // of messages at once, and 50 every few seconds would make the last recipient wait many minutes.
        using var client = new SmtpClient();
        var started = clock.GetTimestamp();
        for (var round = 0; round < MaxBatchesPerPass && clock.GetElapsedTime(started) < MaxPassDuration; round++)
        {
            var now = clock.GetUtcNow();
            var batch = await db.OutboundEmails
                .Where(e => e.SentAt == null && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            if (!client.IsConnected)
            {
                try
                {
                    await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), ct);
                    if (!string.IsNullOrEmpty(smtp.UserName))
                    {
                        await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("SMTP server {Host}:{Port} unavailable ({Error}); {Count} e-mails stay queued", smtp.Host, smtp.Port, ex.Message, batch.Count);
                    foreach (var e in batch)
                    {
                        Defer(e, ex.Message, now);
                    }

                    await db.SaveChangesAsync(ct);
                    return;
                }
            }

            foreach (var email in batch)
            {
                try
                {
                    await client.SendAsync(Build(email, smtp), ct);
                    email.SentAt = clock.GetUtcNow();
                    email.LastError = null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed message is deferred (NextAttemptAt in the future), so the next batch does not pick it again.
                    log.LogWarning("Sending e-mail {Id} failed: {Error}", email.Id, ex.Message);
                    Defer(email, ex.Message, now);
                }

                // Save after each message: a crash after sending must not send the earlier ones again.
                await db.SaveChangesAsync(ct);
            }

            // Keep the change tracker small over many batches.
            db.ChangeTracker.Clear();
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(true, ct);
        }
    }

    private static void Defer(OutboundEmail e, string error, DateTimeOffset now)
    {
        e.Attempts++;
        e.LastError = error.Length > 1000 ? error[..1000] : error;
        e.NextAttemptAt = now.AddSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(e.Attempts, 6))));
    }

    internal static MimeMessage Build(OutboundEmail email, SmtpOptions smtp)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        if (email.Calendar is not null)
        {
            var method = email.CalendarMethod ?? "REQUEST";
            var ics = new MimePart("text", "calendar")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(email.Calendar))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" },
                ContentTransferEncoding = ContentEncoding.Base64,
            };
            ics.ContentType.Parameters.Add("method", method);
            ics.ContentType.Charset = "utf-8";
            body.Attachments.Add(ics);
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
