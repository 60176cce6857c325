using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

/// <summary>A unit (premises) on an estate; named EstateUnit to stay clear of Mediator.Unit, identified by its BAG id (16 digits).</summary>
public sealed class EstateUnit : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid EstateId { get; set; }

    /// <summary>BAG <i>verblijfsobject</i> id: 16 digits.</summary>
    public required string BagId { get; set; }

    public required string Street { get; set; }

    public required string HouseNumber { get; set; }

    public required string PostalCode { get; set; }

    public required string City { get; set; }

    /// <summary>Position on the estate (WGS84); drawn on the estate's map.</summary>
    public double Longitude { get; set; }

    public double Latitude { get; set; }

    /// <summary>The owner or landlord (an organisation) — or a name when the owner is not a member organisation.</summary>
    public Guid? OwnerOrganisationId { get; set; }

    public string? OwnerName { get; set; }

    /// <summary>The current occupant (a business branch); null when vacant.</summary>
    public Guid? OccupantOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Address => $"{Street} {HouseNumber}, {PostalCode} {City}";
}

internal sealed class EstateUnitConfiguration : IEntityTypeConfiguration<EstateUnit>
{
    public void Configure(EntityTypeBuilder<EstateUnit> b)
    {
        b.Property(u => u.BagId).HasMaxLength(16);
        b.Property(u => u.Street).HasMaxLength(200);
        b.Property(u => u.HouseNumber).HasMaxLength(20);
        b.Property(u => u.PostalCode).HasMaxLength(7);
        b.Property(u => u.City).HasMaxLength(100);
        b.Property(u => u.OwnerName).HasMaxLength(200);
        b.Ignore(u => u.Address);
        b.HasIndex(u => new { u.TenantId, u.BagId }).IsUnique();
        b.HasIndex(u => u.EstateId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(u => u.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OccupantOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
