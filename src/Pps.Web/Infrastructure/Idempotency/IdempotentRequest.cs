using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pps.Web.Infrastructure.Idempotency;

/// <summary>
/// A write that a client marked with an <c>Idempotency-Key</c>. The row is added to the same unit of work as the write
/// itself, so it is stored exactly when the write is; the answer is filled in right after, so a retry gets the same
/// answer instead of a second alert or post. Kept for <see cref="IdempotencyOptions.KeepFor"/>.
/// </summary>
public sealed class IdempotentRequest
{
    public Guid MemberId { get; init; }

    public string Key { get; init; } = "";

    /// <summary>Method and route pattern: the same key on another endpoint is a client error, not a replay.</summary>
    public string Operation { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null while the answer is not yet recorded (or the process died between the write and the answer).</summary>
    public int? StatusCode { get; set; }

    public string? ResponseJson { get; set; }

    public string? Location { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.HasKey(r => new { r.MemberId, r.Key });
        b.Property(r => r.Key).HasMaxLength(IdempotencyFilter.MaxKeyLength);
        b.Property(r => r.Operation).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(400);
        b.HasIndex(r => r.CreatedAt);
    }
}
