using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pps.Web.Infrastructure.Audit;

public enum AuditResult
{
    Success = 0,
    Failure = 1,
    Denied = 2,
}

/// <summary>
/// One security-relevant action: who (actor), what (action), on what (object), how it ended (result),
/// from where (origin) and when. Append-only: nothing in the hub updates or deletes these rows except retention.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Null for platform-wide events and anonymous actions.</summary>
    public Guid? TenantId { get; set; }

    public Guid? ActorId { get; set; }

    /// <summary>The actor's e-mail or name at the time, or "anonymous"/"system".</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted name, e.g. <c>auth.login</c>, <c>member.role-assigned</c>, <c>directory.viewed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Object type and id, e.g. <c>member:…</c>.</summary>
    public string? Object { get; set; }

    public AuditResult Result { get; set; }

    /// <summary>The remote IP address; null where the hub must not store it (anonymous signals).</summary>
    public string? Origin { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Detail { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.Object).HasMaxLength(200);
        b.Property(a => a.Origin).HasMaxLength(64);
        b.Property(a => a.Detail).HasMaxLength(2000);
        b.HasIndex(a => new { a.TenantId, a.At });
        // The retention purge (PurgeAuditLogJob) selects by time across all tenants; the tenant-first index cannot serve it.
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.ActorId);
        b.HasIndex(a => a.Object);
    }
}
