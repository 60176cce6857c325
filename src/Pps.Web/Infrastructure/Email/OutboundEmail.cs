using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pps.Web.Infrastructure.Email;

/// <summary>
/// An e-mail waiting to be sent, stored in the same transaction as the change that caused it. The mail job
/// sends it and marks it sent; while SMTP is down it stays queued, so none is lost and none is sent twice.
/// </summary>
public sealed class OutboundEmail
{
    public long Id { get; set; }

    public Guid? TenantId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public string? HtmlBody { get; set; }

    /// <summary>Optional iCalendar attachment (text/calendar) and its METHOD.</summary>
    public string? Calendar { get; set; }

    public string? CalendarMethod { get; set; }

    /// <summary>Why it was sent, e.g. <c>alert-escalation:42</c>; with <see cref="To"/> it keeps a purpose from being queued twice.</summary>
    public string? Purpose { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> b)
    {
        b.Property(e => e.To).HasMaxLength(254);
        b.Property(e => e.Subject).HasMaxLength(300);
        b.Property(e => e.Purpose).HasMaxLength(200);
        b.Property(e => e.CalendarMethod).HasMaxLength(20);
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasIndex(e => new { e.SentAt, e.NextAttemptAt });
        b.HasIndex(e => new { e.Purpose, e.To });
    }
}
