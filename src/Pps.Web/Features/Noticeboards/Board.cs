using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

public enum BoardKind
{
    /// <summary>One per estate: its vetted members, its association board, municipal staff.</summary>
    Estate,

    /// <summary>One per estate's association: the board members of that estate and municipal staff.</summary>
    Association,

    /// <summary>One per tenant: every vetted member and municipal staff.</summary>
    Tenant,

    /// <summary>Internal board of one municipal department (oov, ez, ro, vvh).</summary>
    Department,
}

/// <summary>A noticeboard. Boards are made by <see cref="BoardDirectory"/> (lazily), never by members.</summary>
public sealed class Board : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public BoardKind Kind { get; set; }

    /// <summary>Set for <see cref="BoardKind.Estate"/> and <see cref="BoardKind.Association"/>.</summary>
    public Guid? EstateId { get; set; }

    /// <summary>Set for <see cref="BoardKind.Department"/>: the staff role (<c>oov</c>, <c>ez</c>, <c>ro</c>, <c>vvh</c>).</summary>
    public string? DepartmentRole { get; set; }

    /// <summary>Key that makes a board unique within its tenant (kind + estate or department); lets a lazy create race safely.</summary>
    public required string Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BoardConfiguration : IEntityTypeConfiguration<Board>
{
    public void Configure(EntityTypeBuilder<Board> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.DepartmentRole).HasMaxLength(40);
        b.Property(x => x.Key).HasMaxLength(80);
        b.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}
