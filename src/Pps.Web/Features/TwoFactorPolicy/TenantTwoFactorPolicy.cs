using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.TwoFactorPolicy;

/// <summary>Who of a tenant must sign in with two factors (ASVS 5.0 6.3.2/6.3.3).</summary>
public enum TwoFactorRequirement
{
    /// <summary>Two-factor log-in is offered, not required (the default, and the Zoetermeer demo tenant's setting).</summary>
    NotRequired = 0,

    /// <summary>Required for the roles that can read or change what others may not (see <c>TwoFactorEnrolment.IsPrivileged</c>).</summary>
    Privileged = 1,

    /// <summary>Required for every member of the tenant.</summary>
    Everyone = 2,
}

/// <summary>A tenant's two-factor requirement. No row means <see cref="TwoFactorRequirement.NotRequired"/>.</summary>
public sealed class TenantTwoFactorPolicy : ITenantOwned
{
    public Guid TenantId { get; set; }

    public TwoFactorRequirement Requirement { get; set; }

    /// <summary>
    /// Until this moment members the requirement newly applies to are reminded instead of blocked; null (or past)
    /// means the requirement holds now.
    /// </summary>
    public DateTimeOffset? EnrolBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public Guid? ChangedBy { get; set; }
}

internal sealed class TenantTwoFactorPolicyConfiguration : IEntityTypeConfiguration<TenantTwoFactorPolicy>
{
    public void Configure(EntityTypeBuilder<TenantTwoFactorPolicy> b)
    {
        b.ToTable("TenantTwoFactorPolicies");
        b.HasKey(p => p.TenantId);
        b.Property(p => p.Requirement).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Tenancy.Tenant>().WithOne().HasForeignKey<TenantTwoFactorPolicy>(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
