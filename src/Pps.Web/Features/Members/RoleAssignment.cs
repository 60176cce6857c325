using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Members;

/// <summary>
/// A role of a member in their tenant (<see cref="EstateId"/> null) or on one estate. Role names are the
/// constants of <see cref="Roles"/>. The platform administrator role is the only one without a tenant.
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? TenantId { get; set; }

    public Guid MemberId { get; set; }

    public required string Role { get; set; }

    public Guid? EstateId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public Guid? AssignedBy { get; set; }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.Role).HasMaxLength(40);
        b.HasIndex(r => new { r.MemberId, r.Role, r.EstateId }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.Role });
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(r => r.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}
