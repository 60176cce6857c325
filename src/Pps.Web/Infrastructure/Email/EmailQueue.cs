using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Email;

/// <summary>Queues e-mail in the caller's unit of work; it is sent by <see cref="SendQueuedEmailJob"/> after commit.</summary>
public interface IEmailQueue
{
    /// <summary>Adds the message to the context; the caller's SaveChanges stores it. Returns false if this purpose was already queued for this address.</summary>
    Task<bool> QueueAsync(EmailMessage message, CancellationToken ct = default);

    /// <summary>
    /// <see cref="QueueAsync"/> for many messages with one query instead of one per message (an alert to thousands
    /// of members): a purpose already queued for an address, in the database, in this unit of work or earlier in
    /// the list, is skipped. Returns how many were queued.
    /// </summary>
    Task<int> QueueAllAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default);
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

        Add(m);
        return true;
    }

    public async Task<int> QueueAllAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        var taken = new HashSet<(string Purpose, string To)>();
        var purposes = messages.Where(m => m.Purpose is not null).Select(m => m.Purpose!).Distinct().ToArray();
        if (purposes.Length > 0)
        {
            var addresses = messages.Where(m => m.Purpose is not null).Select(m => m.To).Distinct().ToArray();
            var stored = await db.OutboundEmails.AsNoTracking()
                .Where(e => e.Purpose != null && purposes.Contains(e.Purpose) && addresses.Contains(e.To))
                .Select(e => new { e.Purpose, e.To })
                .ToListAsync(ct);
            taken.UnionWith(stored.Select(e => (e.Purpose!, e.To)));
            taken.UnionWith(db.OutboundEmails.Local.Where(e => e.Purpose is not null).Select(e => (e.Purpose!, e.To)));
        }

        var queued = 0;
        foreach (var m in messages)
        {
            if (m.Purpose is null || taken.Add((m.Purpose, m.To)))
            {
                Add(m);
                queued++;
            }
        }

        return queued;
    }

    private void Add(EmailMessage m) => db.OutboundEmails.Add(new OutboundEmail
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
}
