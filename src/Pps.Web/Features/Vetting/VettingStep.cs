using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Vetting;

public enum VettingStepKind
{
    Verified = 0,
    Vouched = 1,
    Vetted = 2,
    Expired = 3,
    Revoked = 4,
    Suspended = 5,
    Reexamined = 6,
    Reinstated = 7,
}

/// <summary>
/// One change of a member's vetting level: who did it, when, and on what evidence. Append-only: the history of how
/// a member came to be trusted (or stopped being) is never rewritten.
/// </summary>
public sealed class VettingStep : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public VettingStepKind Kind { get; set; }

    public VettingLevel From { get; set; }

    public VettingLevel To { get; set; }

    /// <summary>Null when the system did it (expiry, re-check).</summary>
    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What the step rests on: the KvK data checked, the vouchers, the reason for a suspension.</summary>
    public required string Evidence { get; set; }
}

internal sealed class VettingStepConfiguration : IEntityTypeConfiguration<VettingStep>
{
    public void Configure(EntityTypeBuilder<VettingStep> b)
    {
        b.Property(s => s.ActorName).HasMaxLength(256);
        b.Property(s => s.Evidence).HasMaxLength(2000);
        b.HasIndex(s => new { s.MemberId, s.At });
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A vetted member (or a board member of the estate's association) vouches for another member of the same estate.</summary>
public sealed class Vouch : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public Guid VoucherId { get; set; }

    public Guid EstateId { get; set; }

    /// <summary>The voucher was a board member of the estate's association: one such vouch suffices.</summary>
    public bool ByBoard { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Set when the voucher lost their vetted status: the vouch no longer counts.</summary>
    public DateTimeOffset? InvalidatedAt { get; set; }

    public string? InvalidatedReason { get; set; }
}

internal sealed class VouchConfiguration : IEntityTypeConfiguration<Vouch>
{
    public void Configure(EntityTypeBuilder<Vouch> b)
    {
        b.Property(v => v.InvalidatedReason).HasMaxLength(500);
        b.HasIndex(v => new { v.MemberId, v.VoucherId });
        b.HasIndex(v => v.VoucherId);
        b.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(v => v.VoucherId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(v => v.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The current vetting state of a member beyond the level on <see cref="Member"/>: expiry, reminder, suspension, last KvK check.</summary>
public sealed class VettingRecord : ITenantOwned
{
    public Guid MemberId { get; set; }

    public Guid TenantId { get; set; }

    public string? KvkNumber { get; set; }

    public string? BranchNumber { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? ReminderQueuedAt { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspendedReason { get; set; }

    public Guid? SuspendedBy { get; set; }
}

internal sealed class VettingRecordConfiguration : IEntityTypeConfiguration<VettingRecord>
{
    public void Configure(EntityTypeBuilder<VettingRecord> b)
    {
        b.HasKey(r => r.MemberId);
        b.Property(r => r.KvkNumber).HasMaxLength(8);
        b.Property(r => r.BranchNumber).HasMaxLength(12);
        b.Property(r => r.SuspendedReason).HasMaxLength(1000);
        b.HasIndex(r => r.ExpiresAt);
        b.HasOne<Member>().WithOne().HasForeignKey<VettingRecord>(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VettingOptions
{
    public const string Section = "Vetting";

    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(365);

    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(30);
}
