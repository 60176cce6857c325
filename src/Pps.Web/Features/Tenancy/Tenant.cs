using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pps.Web.Features.Tenancy;

/// <summary>A municipality. Everything below it is visible only to its own members.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>Lower-case, URL-safe (e.g. <c>zoetermeer</c>).</summary>
    public required string Slug { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Slug).HasMaxLength(60);
        b.HasIndex(t => t.Slug).IsUnique();
    }
}
