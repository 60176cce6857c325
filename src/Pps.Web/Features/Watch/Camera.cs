using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>A business's camera overlooking public space, so that after an incident staff and police know whom to ask for footage.</summary>
public sealed class Camera : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UnitId { get; set; }

    public Guid EstateId { get; set; }

    public double Longitude { get; set; }

    public double Latitude { get; set; }

    /// <summary>Compass direction the camera looks at, 0 = north, clockwise.</summary>
    public int DirectionDegrees { get; set; }

    public required string Covers { get; set; }

    public int RetentionDays { get; set; }

    public required string Contact { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class CameraConfiguration : IEntityTypeConfiguration<Camera>
{
    public void Configure(EntityTypeBuilder<Camera> b)
    {
        b.ToTable("WatchCameras");
        b.Property(c => c.Covers).HasMaxLength(1000);
        b.Property(c => c.Contact).HasMaxLength(300);
        b.HasIndex(c => new { c.EstateId, c.WithdrawnAt });
        b.HasIndex(c => c.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EstateUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
