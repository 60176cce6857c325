using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>Which personal contact fields a member agreed to show in the directory. Absent means nothing shared.</summary>
public sealed class DirectoryConsent : ITenantOwned
{
    public Guid MemberId { get; set; }

    public Guid TenantId { get; set; }

    public bool SharePhone { get; set; }

    public bool ShareEmail { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DirectoryConsentConfiguration : IEntityTypeConfiguration<DirectoryConsent>
{
    public void Configure(EntityTypeBuilder<DirectoryConsent> b)
    {
        b.HasKey(c => c.MemberId);
        b.HasOne<Member>().WithOne().HasForeignKey<DirectoryConsent>(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The searchable text of one member's directory entry (person, business, KvK number, address, activity). Full-text
/// indexed: on PostgreSQL by a stored generated <c>tsvector</c> column with a GIN index (<see cref="DirectorySearchVector"/>),
/// on SQLite by the FTS5 table <see cref="DirectorySearch"/> keeps beside it. Visibility is decided at query time, never here.
/// </summary>
public sealed class DirectorySearchEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public Guid TenantId { get; set; }

    public required string Text { get; set; }
}

internal sealed class DirectorySearchEntryConfiguration : IEntityTypeConfiguration<DirectorySearchEntry>
{
    public void Configure(EntityTypeBuilder<DirectorySearchEntry> b)
    {
        b.Property(e => e.Text).HasMaxLength(2000);
        b.HasIndex(e => e.MemberId).IsUnique();
        b.HasOne<Member>().WithOne().HasForeignKey<DirectorySearchEntry>(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// PostgreSQL only: the entry's <c>tsvector</c>, computed by the database when the text is written (a stored generated
/// column) and indexed with GIN. Stored rather than an expression index because a page is read in entry-id order: the
/// planner often walks the primary key and filters, and an expression index left it recomputing <c>to_tsvector</c> for
/// every row it passed (docs/benchmarks/directory-search.md). A shadow property, so the SQLite model has no such column.
/// </summary>
internal static class DirectorySearchVector
{
    public const string Property = "SearchVector";

    public static void Apply(ModelBuilder builder)
    {
        var b = builder.Entity<DirectorySearchEntry>();
        b.Property<NpgsqlTypes.NpgsqlTsVector>(Property)
            .HasComputedColumnSql($"to_tsvector('{DirectorySearch.PostgresConfig}'::regconfig, \"Text\")", stored: true);
        b.HasIndex(Property).HasMethod("GIN");
    }
}

/// <summary>One month's anonymity figures of one estate, stored by <see cref="AnonymitySnapshotJob"/> for the trend.</summary>
public sealed class AnonymitySnapshot : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid EstateId { get; set; }

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public required string Month { get; set; }

    public int Units { get; set; }

    public int Known { get; set; }

    public int Vetted { get; set; }

    public int Vacant { get; set; }

    public DateTimeOffset TakenAt { get; set; }
}

internal sealed class AnonymitySnapshotConfiguration : IEntityTypeConfiguration<AnonymitySnapshot>
{
    public void Configure(EntityTypeBuilder<AnonymitySnapshot> b)
    {
        b.Property(s => s.Month).HasMaxLength(7);
        b.HasIndex(s => new { s.EstateId, s.Month }).IsUnique();
        b.HasOne<Estate>().WithMany().HasForeignKey(s => s.EstateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
