using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Alerts;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

/// <summary>One browser (device) of a member that accepts Web Push: the push service endpoint and the keys the payload is encrypted for.</summary>
public sealed class PushSubscription : ITenantOwned
{
    public const int EndpointMax = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key, base64url (65-byte uncompressed point).</summary>
    public required string P256dh { get; set; }

    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum PushDeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Gone = 2,
    Failed = 3,
}

/// <summary>That (and whether) an alert was pushed to one device of a recipient; pending rows are retried with back-off.</summary>
public sealed class PushDelivery : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid AlertId { get; set; }

    public Guid MemberId { get; set; }

    /// <summary>Not a foreign key: the subscription may be removed (gone) while the delivery row stays as the record.</summary>
    public Guid SubscriptionId { get; set; }

    public PushDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public int? LastStatusCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The pass (dispatcher or retry job, on any instance) that is sending this row now; see <see cref="PushSender"/>.</summary>
    public Guid? ClaimToken { get; set; }
}

/// <summary>A member's reach choices. No row means the defaults: push for urgent alerts only.</summary>
public sealed class ReachPreferences
{
    public const string DefaultPushSeverities = "urgent";

    public Guid MemberId { get; set; }

    public string PushSeverities { get; set; } = DefaultPushSeverities;

    /// <summary>Urgent alerts also by SMS to the member's phone number (only when the hub has a gateway).</summary>
    public bool SmsUrgent { get; set; }

    public DigestFrequency Digest { get; set; }

    /// <summary>The last digest period handled (sent, or found empty), e.g. <c>d2026-11-29</c> or <c>w2026-48</c>.</summary>
    public string? DigestPeriod { get; set; }

    /// <summary>What the last digest covered up to: the next one lists what came after this.</summary>
    public DateTimeOffset? DigestCoveredUntil { get; set; }
}

public enum DigestFrequency
{
    None = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>The hub's VAPID key pair when none is configured: generated once at first use, so the embedded default works.</summary>
public sealed class VapidKeyPair
{
    public int Id { get; set; }

    public required string PublicKey { get; set; }

    public required string PrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> b)
    {
        b.Property(s => s.Endpoint).HasMaxLength(PushSubscription.EndpointMax);
        b.Property(s => s.P256dh).HasMaxLength(100);
        b.Property(s => s.Auth).HasMaxLength(40);
        b.HasIndex(s => s.Endpoint).IsUnique();
        b.HasIndex(s => new { s.TenantId, s.MemberId });
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushDeliveryConfiguration : IEntityTypeConfiguration<PushDelivery>
{
    public void Configure(EntityTypeBuilder<PushDelivery> b)
    {
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.AlertId, d.MemberId });
        b.HasIndex(d => d.ClaimToken);
        b.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReachPreferencesConfiguration : IEntityTypeConfiguration<ReachPreferences>
{
    public void Configure(EntityTypeBuilder<ReachPreferences> b)
    {
        b.HasKey(p => p.MemberId);
        b.Property(p => p.PushSeverities).HasMaxLength(60);
        b.Property(p => p.DigestPeriod).HasMaxLength(20);
        b.HasIndex(p => p.Digest);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VapidKeyPairConfiguration : IEntityTypeConfiguration<VapidKeyPair>
{
    public void Configure(EntityTypeBuilder<VapidKeyPair> b)
    {
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.PublicKey).HasMaxLength(100);
        b.Property(k => k.PrivateKey).HasMaxLength(100);
    }
}
