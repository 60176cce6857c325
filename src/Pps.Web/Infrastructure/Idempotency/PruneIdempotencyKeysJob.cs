using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Idempotency;

/// <summary>How long a key is remembered.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    public TimeSpan KeepFor { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Forgets keys older than <see cref="IdempotencyOptions.KeepFor"/>.</summary>
internal sealed class PruneIdempotencyKeysJob(PpsDb db, TimeProvider clock, IOptions<IdempotencyOptions> options) : Jobs.IJob
{
    public static string Name => "idempotency-prune";

    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.KeepFor;
        await db.IdempotentRequests.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
