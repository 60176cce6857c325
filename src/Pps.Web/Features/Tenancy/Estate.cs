using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

/// <summary>A business park (<i>bedrijventerrein</i>) of one tenant.</summary>
public sealed class Estate : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    /// <summary>The outline as a GeoJSON Polygon geometry (WGS84, [lon, lat]); checked on upload.</summary>
    public required string OutlineGeoJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EstateConfiguration : IEntityTypeConfiguration<Estate>
{
    public void Configure(EntityTypeBuilder<Estate> b)
    {
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Slug).HasMaxLength(80);
        b.Property(e => e.OutlineGeoJson).HasMaxLength(200_000);
        b.HasIndex(e => new { e.TenantId, e.Slug }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
