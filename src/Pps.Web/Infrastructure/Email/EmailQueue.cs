using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Email;

/// <summary>Queues e-mail in the caller's unit of work; it is sent by <see cref="SendQueuedEmailJob"/> after commit.</summary>
public interface IEmailQueue
{
    /// <summary>Adds the message to the context; the caller's SaveChanges stores it. Returns false if this purpose was already queued for this address.</summary>
    Task<bool> QueueAsync(EmailMessage message, CancellationToken ct = default);
}

public sealed record EmailMessage(
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    string? Purpose = null,
    Guid? TenantId = null,
    string? Calendar = null,
    string? CalendarMethod = null);

internal sealed class EmailQueue(PpsDb db, TimeProvider clock) : IEmailQueue
{
    public async Task<bool> QueueAsync(EmailMessage m, CancellationToken ct = default)
    {
        if (m.Purpose is not null
            && (await db.OutboundEmails.AnyAsync(e => e.Purpose == m.Purpose && e.To == m.To, ct)
                || db.OutboundEmails.Local.Any(e => e.Purpose == m.Purpose && e.To == m.To)))
        {
            return false;
        }

        db.OutboundEmails.Add(new OutboundEmail
        {
            To = m.To,
            Subject = m.Subject,
            TextBody = m.TextBody,
            HtmlBody = m.HtmlBody,
            Purpose = m.Purpose,
            TenantId = m.TenantId,
            Calendar = m.Calendar,
            CalendarMethod = m.CalendarMethod,
            QueuedAt = clock.GetUtcNow(),
        });
        return true;
    }
}
