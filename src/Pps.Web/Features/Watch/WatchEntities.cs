using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>A patrol round on one estate, planned by the estate's board.</summary>
public sealed class PatrolRound : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EstateId { get; set; }

    public DateTimeOffset StartUtc { get; set; }

    public DateTimeOffset EndUtc { get; set; }

    /// <summary>Route or zones of the estate, free text.</summary>
    public required string Route { get; set; }

    public int MinimumPeople { get; set; } = 2;

    public Guid CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once the board has been told the round is short of people; the notice goes out once per round.</summary>
    public DateTimeOffset? UnderstaffedNoticeAt { get; set; }

    /// <summary>Set once participants have been reminded.</summary>
    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset? ReportedAt { get; set; }

    public Guid? ReportedBy { get; set; }

    public bool? AllQuiet { get; set; }

    public string? Findings { get; set; }

    /// <summary>Set when the board cancels the round; a cancelled round stays in the roster (struck through) so participants see what happened.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>A member's place on a round. A pending swap names the member the place is offered to.</summary>
public sealed class PatrolSignup : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid RoundId { get; set; }

    public Guid MemberId { get; set; }

    public DateTimeOffset SignedUpAt { get; set; }

    public Guid? SwapOfferedTo { get; set; }
}

public enum IncidentKind
{
    Burglary,
    Theft,
    Vandalism,
    Dumping,
    SuspiciousVehicleOrPerson,
    Fire,
    Other,
}

/// <summary>An entry in the estate's incident log; located at a unit or at a point.</summary>
public sealed class Incident : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EstateId { get; set; }

    public IncidentKind Kind { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? UnitId { get; set; }

    public double Longitude { get; set; }

    public double Latitude { get; set; }

    /// <summary>True when the reporter confirmed a point outside the estate outline.</summary>
    public bool OutsideOutline { get; set; }

    public required string Description { get; set; }

    public string? PoliceReportNumber { get; set; }

    public Guid ReporterId { get; set; }

    /// <summary>The round whose finding became this incident, if any.</summary>
    public Guid? RoundId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The safety post on the estate's noticeboard this incident was promoted to (the post links back).</summary>
    public Guid? PromotedPostId { get; set; }

    /// <summary>The confidential signal staff turned this incident into (the signal's description links back).</summary>
    public Guid? PromotedSignalId { get; set; }

    public string? PromotedSignalReference { get; set; }

    public List<IncidentPhoto> Photos { get; set; } = [];
}

/// <summary>A photo of an incident: the re-encoded image (no EXIF or GPS) in blob storage under a hub-made key.</summary>
public sealed class IncidentPhoto : ITenantOwned
{
    public const int MaxPerIncident = 3;
    public const int MaxBytes = 8 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid IncidentId { get; set; }

    /// <summary>Made by <c>BlobKeys.New("watch")</c>.</summary>
    public required string BlobKey { get; set; }

    public required string ContentType { get; set; }

    public int Size { get; set; }

    public Guid AddedBy { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class PatrolRoundConfiguration : IEntityTypeConfiguration<PatrolRound>
{
    public void Configure(EntityTypeBuilder<PatrolRound> b)
    {
        b.ToTable("WatchRounds");
        b.Property(r => r.Route).HasMaxLength(1000);
        b.Property(r => r.Findings).HasMaxLength(4000);
        b.HasIndex(r => new { r.EstateId, r.StartUtc });
        b.HasOne<Estate>().WithMany().HasForeignKey(r => r.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PatrolSignupConfiguration : IEntityTypeConfiguration<PatrolSignup>
{
    public void Configure(EntityTypeBuilder<PatrolSignup> b)
    {
        b.ToTable("WatchSignups");
        b.HasIndex(s => new { s.RoundId, s.MemberId }).IsUnique();
        b.HasOne<PatrolRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("WatchIncidents");
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Description).HasMaxLength(4000);
        b.Property(i => i.PoliceReportNumber).HasMaxLength(60);
        b.Property(i => i.PromotedSignalReference).HasMaxLength(20);
        b.HasIndex(i => new { i.EstateId, i.OccurredAt });
        b.HasOne<Estate>().WithMany().HasForeignKey(i => i.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Photos).WithOne().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentPhotoConfiguration : IEntityTypeConfiguration<IncidentPhoto>
{
    public void Configure(EntityTypeBuilder<IncidentPhoto> b)
    {
        b.ToTable("WatchIncidentPhotos");
        b.Property(p => p.BlobKey).HasMaxLength(200);
        b.Property(p => p.ContentType).HasMaxLength(40);
        b.HasIndex(p => p.IncidentId);
    }
}
