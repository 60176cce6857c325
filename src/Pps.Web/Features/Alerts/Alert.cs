using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Urgent = 2,
}

/// <summary>
/// A message from the municipality or an estate board to a chosen set of members. <see cref="Sequence"/> is
/// per tenant, assigned in the transaction that stores the alert, so a client that knows the last sequence it
/// saw can always ask for exactly what it missed.
/// </summary>
public sealed class Alert : ITenantOwned
{
    public const int TitleMax = 200;
    public const int BodyMax = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public long Sequence { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public AlertSeverity Severity { get; set; }

    public bool RequiresAcknowledgement { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public Guid PostedBy { get; set; }

    public required string PostedByName { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    /// <summary>The targets as chosen, for display: estate ids, comma-separated.</summary>
    public string TargetEstates { get; set; } = "";

    public string TargetRoles { get; set; } = "";

    public bool TargetsWholeTenant { get; set; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } e && e <= now;
}

/// <summary>What one targeted member has done with one alert. Created for every recipient when the alert is posted.</summary>
public sealed class AlertReceipt : ITenantOwned
{
    public Guid AlertId { get; set; }

    public Guid MemberId { get; set; }

    public Guid TenantId { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When the escalation e-mail was queued; set once so the job never mails twice.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>Returns true when something changed. Each step is recorded once; later calls keep the first time.</summary>
    public bool MarkDelivered(DateTimeOffset now)
    {
        if (DeliveredAt is not null)
        {
            return false;
        }

        DeliveredAt = now;
        return true;
    }

    public bool MarkRead(DateTimeOffset now)
    {
        var changed = MarkDelivered(now);
        if (ReadAt is not null)
        {
            return changed;
        }

        ReadAt = now;
        return true;
    }

    public bool Acknowledge(DateTimeOffset now)
    {
        var changed = MarkRead(now);
        if (AcknowledgedAt is not null)
        {
            return changed;
        }

        AcknowledgedAt = now;
        return true;
    }
}

/// <summary>The last alert sequence handed out in a tenant; the row is locked by the update that takes the next one.</summary>
public sealed class AlertSequence
{
    public Guid TenantId { get; set; }

    public long Last { get; set; }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(a => a.Title).HasMaxLength(Alert.TitleMax);
        b.Property(a => a.Body).HasMaxLength(Alert.BodyMax);
        b.Property(a => a.PostedByName).HasMaxLength(200);
        b.Property(a => a.TargetEstates).HasMaxLength(2000);
        b.Property(a => a.TargetRoles).HasMaxLength(500);
        b.HasIndex(a => new { a.TenantId, a.Sequence }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertReceiptConfiguration : IEntityTypeConfiguration<AlertReceipt>
{
    public void Configure(EntityTypeBuilder<AlertReceipt> b)
    {
        b.HasKey(r => new { r.AlertId, r.MemberId });
        b.HasIndex(r => new { r.MemberId, r.Sequence });
        b.HasOne<Alert>().WithMany().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertSequenceConfiguration : IEntityTypeConfiguration<AlertSequence>
{
    public void Configure(EntityTypeBuilder<AlertSequence> b)
    {
        b.HasKey(s => s.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
