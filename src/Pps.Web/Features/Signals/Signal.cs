using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>Which desk a report goes to: ondermijning signals (role signals) or improper influence (role integrity-officer).</summary>
public enum SignalRoute
{
    Signal = 0,
    Integrity = 1,
}

public enum ReportMode
{
    /// <summary>Identity visible to the handlers.</summary>
    Member = 0,

    /// <summary>Identity stored, shown only after a second handler approves a reveal request.</summary>
    Confidential = 1,

    /// <summary>No account, no identity, no address, no user agent: only a hashed follow-up code.</summary>
    Anonymous = 2,
}

public enum SignalStatus
{
    Received = 0,
    InProgress = 1,
    WaitingForReporter = 2,
    Forwarded = 3,
    Closed = 4,
}

public enum SignalPriority
{
    Normal = 0,
    High = 1,
    Urgent = 2,
    Low = -1,
}

public enum ForwardedTo
{
    Police = 0,
    Riec = 1,
    OtherDepartment = 2,
}

public enum LocationKind
{
    None = 0,
    Unit = 1,
    Point = 2,
    Address = 3,
}

/// <summary>
/// A confidential signal of ondermijning, or a report of improper influence (<see cref="Route"/>).
/// Deliberately there is NO field for Bibob screening results, here or anywhere in the hub: they are secret by law
/// (Wet Bibob art. 28) and must never be stored with a signal, in a note, or in an export.
/// </summary>
public sealed class Signal : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public SignalRoute Route { get; set; }

    /// <summary>Short human reference for phone calls and forwarding, e.g. <c>S-7K3Q9D</c>; not secret.</summary>
    public required string Reference { get; set; }

    /// <summary>A code of <see cref="SignalCategories"/>, e.g. <c>property.cash-rent</c>.</summary>
    public required string Category { get; set; }

    public LocationKind LocationKind { get; set; }

    public Guid? EstateId { get; set; }

    public Guid? UnitId { get; set; }

    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    public string? Address { get; set; }

    public DateTimeOffset SeenAt { get; set; }

    public required string Description { get; set; }

    public ReportMode Mode { get; set; }

    /// <summary>The reporting member; null for anonymous reports and after anonymisation by retention.</summary>
    public Guid? ReporterId { get; set; }

    /// <summary>First 8 bytes of the follow-up code's SHA-256, to find the row; the full hash is compared in constant time.</summary>
    public byte[]? FollowUpLookup { get; set; }

    public byte[]? FollowUpHash { get; set; }

    public SignalStatus Status { get; set; }

    public SignalPriority Priority { get; set; }

    public Guid? AssignedToId { get; set; }

    public ForwardedTo? ForwardedTo { get; set; }

    public string? Result { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? ReporterAnonymisedAt { get; set; }

    public List<SignalPhoto> Photos { get; } = [];
}

public sealed class SignalPhoto : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SignalId { get; set; }

    /// <summary>Made by <c>BlobKeys.New("signals")</c>; the re-encoded image without metadata.</summary>
    public required string BlobKey { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }
}

public enum HistoryKind
{
    Created = 0,
    StatusChanged = 1,
    Question = 2,
    Answer = 3,
    Note = 4,
    Assigned = 5,
    PriorityChanged = 6,
    Linked = 7,
}

/// <summary>
/// One line of a signal's append-only history. Init-only: the app never changes or removes a row (a SaveChanges guard
/// enforces it); only retention deletes whole signals with a set-based delete.
/// </summary>
public sealed class SignalHistoryEntry : ITenantOwned
{
    public long Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid SignalId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The handler; null when the reporter (or the system) wrote the line.</summary>
    public Guid? ActorId { get; init; }

    public HistoryKind Kind { get; init; }

    public SignalStatus? FromStatus { get; init; }

    public SignalStatus? ToStatus { get; init; }

    public string? Text { get; init; }

    /// <summary>True for lines the reporter reads (status updates they should know, questions and answers).</summary>
    public bool VisibleToReporter { get; init; }
}

public sealed class SignalLink : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SignalId { get; set; }

    public Guid LinkedSignalId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    public Guid LinkedById { get; set; }
}

/// <summary>A handler's request to see a confidential reporter's identity; a second, different handler approves it.</summary>
public sealed class RevealRequest : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SignalId { get; set; }

    public Guid RequestedById { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid? ApprovedById { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }
}

internal sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> b)
    {
        b.ToTable("Signals");
        b.Property(s => s.Reference).HasMaxLength(20);
        b.Property(s => s.Category).HasMaxLength(60);
        b.Property(s => s.Address).HasMaxLength(300);
        b.Property(s => s.Description).HasMaxLength(5000);
        b.Property(s => s.Result).HasMaxLength(2000);
        b.Property(s => s.FollowUpLookup).HasMaxLength(8);
        b.Property(s => s.FollowUpHash).HasMaxLength(32);
        b.HasIndex(s => s.FollowUpLookup);
        b.HasIndex(s => new { s.TenantId, s.Route, s.Status });
        b.HasIndex(s => s.Reference).IsUnique();
        b.HasIndex(s => s.ReporterId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(s => s.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EstateUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Photos).WithOne().HasForeignKey(p => p.SignalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignalPhotoConfiguration : IEntityTypeConfiguration<SignalPhoto>
{
    public void Configure(EntityTypeBuilder<SignalPhoto> b)
    {
        b.ToTable("SignalPhotos");
        b.Property(p => p.BlobKey).HasMaxLength(200);
        b.Property(p => p.ContentType).HasMaxLength(40);
    }
}

internal sealed class SignalHistoryEntryConfiguration : IEntityTypeConfiguration<SignalHistoryEntry>
{
    public void Configure(EntityTypeBuilder<SignalHistoryEntry> b)
    {
        b.ToTable("SignalHistory");
        b.Property(h => h.Text).HasMaxLength(5000);
        b.HasIndex(h => new { h.SignalId, h.Id });
        b.HasOne<Signal>().WithMany().HasForeignKey(h => h.SignalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignalLinkConfiguration : IEntityTypeConfiguration<SignalLink>
{
    public void Configure(EntityTypeBuilder<SignalLink> b)
    {
        b.ToTable("SignalLinks");
        b.HasIndex(l => new { l.SignalId, l.LinkedSignalId }).IsUnique();
        b.HasOne<Signal>().WithMany().HasForeignKey(l => l.SignalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Signal>().WithMany().HasForeignKey(l => l.LinkedSignalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RevealRequestConfiguration : IEntityTypeConfiguration<RevealRequest>
{
    public void Configure(EntityTypeBuilder<RevealRequest> b)
    {
        b.ToTable("SignalRevealRequests");
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.HasIndex(r => r.SignalId);
        b.HasOne<Signal>().WithMany().HasForeignKey(r => r.SignalId).OnDelete(DeleteBehavior.Cascade);
    }
}
