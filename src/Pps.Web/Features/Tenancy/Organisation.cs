using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

public enum OrganisationKind
{
    Business = 0,
    MunicipalDepartment = 1,
    Association = 2,
    Partner = 3,
}

/// <summary>Municipal departments: Economische Zaken, Ruimtelijke Ordening, Openbare Orde en Veiligheid, Vergunningverlening/Toezicht/Handhaving.</summary>
public enum Department
{
    Ez = 0,
    Ro = 1,
    Oov = 2,
    Vvh = 3,
}

public enum PartnerKind
{
    Police = 0,
    FireService = 1,
    Other = 2,
}

/// <summary>A business (with KvK and branch number), a municipal department, a business-park association or a partner.</summary>
public sealed class Organisation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public OrganisationKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Chamber of Commerce number, 8 digits; businesses only.</summary>
    public string? KvkNumber { get; set; }

    /// <summary>Branch number (<i>vestigingsnummer</i>), 12 digits; businesses only.</summary>
    public string? BranchNumber { get; set; }

    /// <summary>Activity code (SBI) and its description, for businesses.</summary>
    public string? SbiCode { get; set; }

    public string? Activity { get; set; }

    public Department? Department { get; set; }

    public PartnerKind? PartnerKind { get; set; }

    /// <summary>For an association: the estate it organises.</summary>
    public Guid? EstateId { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.KvkNumber).HasMaxLength(8);
        b.Property(o => o.BranchNumber).HasMaxLength(12);
        b.Property(o => o.SbiCode).HasMaxLength(10);
        b.Property(o => o.Activity).HasMaxLength(200);
        b.Property(o => o.Email).HasMaxLength(254);
        b.Property(o => o.Phone).HasMaxLength(40);
        b.HasIndex(o => new { o.TenantId, o.Kind });
        b.HasIndex(o => new { o.TenantId, o.BranchNumber });
        b.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(o => o.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}
