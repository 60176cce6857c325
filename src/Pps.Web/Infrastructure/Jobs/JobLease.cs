using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Jobs;

/// <summary>
/// Who may run a job right now. With several instances of the hub on one database, each pass of a job runs on
/// the one instance that holds its lease; the others skip that pass. A crashed holder's lease simply expires.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(80);
        b.Property(l => l.Holder).HasMaxLength(80);
    }
}

/// <summary>Takes and renews job leases with single conditional UPDATE statements, so two instances can never both win.</summary>
public sealed class JobLeases(PpsDb db, TimeProvider clock)
{
    /// <summary>This process's identity as a lease holder.</summary>
    public static readonly string Instance = Truncate($"{Guid.NewGuid():N}:{Environment.ProcessId}:{Environment.MachineName}", 80);

    public Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct)
        => TryAcquireAsync(name, duration, Instance, ct);

    /// <summary>Takes or renews the lease for <paramref name="holder"/>; false while another holder's lease runs.</summary>
    internal async Task<bool> TryAcquireAsync(string name, TimeSpan duration, string holder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + duration;
        var updated = await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.LastRunAt, now), ct);
        if (updated == 1)
        {
            return true;
        }

        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        try
        {
            db.Set<JobLease>().Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until, LastRunAt = now });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the lease first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
