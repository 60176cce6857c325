using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

public enum ActionStatus
{
    Open = 0,
    InProgress = 1,
    Done = 2,
    Dropped = 3,
}

/// <summary>An action agreed in a meeting or made from a schouw finding; the estate's action plan lists the open ones.</summary>
public sealed class ActionItem : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid MeetingId { get; set; }

    public Guid EstateId { get; set; }

    public required string Title { get; set; }

    public Guid? OwnerMemberId { get; set; }

    public Guid? OwnerOrganisationId { get; set; }

    public DateOnly? DueDate { get; set; }

    public ActionStatus Status { get; set; }

    public Guid? FindingId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static bool IsOpenStatus(ActionStatus s) => s is ActionStatus.Open or ActionStatus.InProgress;
}

/// <summary>What the schouw saw at one spot: description, place on the estate and an optional photo.</summary>
public sealed class Finding : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid MeetingId { get; set; }

    public Guid EstateId { get; set; }

    public required string Description { get; set; }

    public double Longitude { get; set; }

    public double Latitude { get; set; }

    /// <summary>Blob key of the re-encoded photo (no EXIF); null without photo.</summary>
    public string? PhotoKey { get; set; }

    public Guid? ActionItemId { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A member's private calendar feed. Only the SHA-256 of the token is stored; revoking sets <see cref="RevokedAt"/>.</summary>
public sealed class CalendarFeedToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.Property(a => a.Title).HasMaxLength(500);
        b.HasIndex(a => new { a.EstateId, a.Status });
        b.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Estate>().WithMany().HasForeignKey(a => a.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(a => a.OwnerMemberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.Property(f => f.Description).HasMaxLength(2000);
        b.Property(f => f.PhotoKey).HasMaxLength(200);
        b.HasIndex(f => f.MeetingId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Estate>().WithMany().HasForeignKey(f => f.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.MemberId);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
