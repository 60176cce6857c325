using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Infrastructure.Audit;

/// <summary>How long audit entries are kept (section <c>Audit</c>).</summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The shortest period the hub accepts: an incident is often noticed months after the first access (BIO 12.4:
    /// logs must be there for the investigation), so less than half a year is refused at start.
    /// </summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromDays(183);

    /// <summary>
    /// Default 13 months: one full year of the municipality's yearly ENSIA/BIO audit cycle plus a month to start an
    /// investigation, and not longer, because the log holds personal data (who read what; AVG art. 5(1)(e)).
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(395);
}

/// <summary>
/// Deletes audit entries older than <see cref="AuditRetentionOptions.KeepFor"/> and records, per tenant, that it did
/// (<c>audit.purged</c>, actor "system"), so the log itself shows that and when older entries went.
/// </summary>
internal sealed class PurgeAuditLogJob(PpsDb db, IAuditLog audit, TimeProvider clock, IOptions<AuditRetentionOptions> options) : Jobs.IJob
{
    public const string Action = "audit.purged";

    private const int Batch = 2_000;

    public static string Name => "audit-purge";

    public static TimeSpan Interval => TimeSpan.FromHours(6);

    public async Task RunAsync(CancellationToken ct)
    {
        var keepFor = options.Value.KeepFor;
        var before = clock.GetUtcNow() - keepFor;
        var counts = await db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.At < before)
            .GroupBy(a => a.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        if (counts.Count == 0)
        {
            return;
        }

        // In batches: a first run on a large log must not hold one huge transaction.
        while (true)
        {
            var ids = await db.AuditEntries.IgnoreQueryFilters()
                .Where(a => a.At < before)
                .OrderBy(a => a.Id)
                .Select(a => a.Id)
                .Take(Batch)
                .ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            await db.AuditEntries.IgnoreQueryFilters().Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct);
        }

        foreach (var tenant in counts)
        {
            await audit.WriteForAsync(
                null,
                "system",
                tenant.TenantId,
                Action,
                null,
                AuditResult.Success,
                $"{tenant.Count} entries from before {before:O} deleted (kept {keepFor.TotalDays:0} days)",
                ct);
        }
    }
}

internal static class AuditRetentionSetup
{
    public static IServiceCollection AddAuditRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditRetentionOptions>()
            .Bind(configuration.GetSection(AuditRetentionOptions.Section))
            .Validate(o => o.KeepFor >= AuditRetentionOptions.Minimum, $"Audit:KeepFor must be at least {AuditRetentionOptions.Minimum.TotalDays:0} days (BIO: logs kept long enough for an investigation).")
            .ValidateOnStart();
        services.AddJob<PurgeAuditLogJob>();
        return services;
    }
}
