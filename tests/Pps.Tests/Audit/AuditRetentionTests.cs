using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Tests.Audit;

/// <summary>Audit entries are kept for the configured period (default 13 months), then purged by a job that audits itself.</summary>
public abstract class AuditRetentionTests(PpsApp app)
{
    [Fact]
    public void The_default_retention_is_thirteen_months_and_never_less_than_half_a_year()
    {
        var options = app.Services.GetRequiredService<IOptions<AuditRetentionOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(395), options.KeepFor);
        Assert.True(options.KeepFor >= AuditRetentionOptions.Minimum);
        Assert.Equal(TimeSpan.FromDays(183), AuditRetentionOptions.Minimum);
    }

    [Fact]
    public async Task Entries_older_than_the_retention_period_are_purged_newer_ones_stay_and_the_purge_is_audited_per_tenant()
    {
        var keepFor = app.Services.GetRequiredService<IOptions<AuditRetentionOptions>>().Value.KeepFor;
        var marker = "retention:" + Guid.NewGuid().ToString("N");
        var tenantId = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "zoetermeer").Select(t => t.Id).SingleAsync());
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(
                Entry(marker + ":old", tenantId, now - keepFor - TimeSpan.FromDays(1)),
                Entry(marker + ":old-platform", null, now - keepFor - TimeSpan.FromMinutes(1)),
                Entry(marker + ":young", tenantId, now - keepFor + TimeSpan.FromDays(1)));
            await db.SaveChangesAsync();
        });

        await app.RunJobAsync<PurgeAuditLogJob>();

        var left = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Object!.StartsWith(marker)).Select(a => a.Object).ToListAsync());
        Assert.Equal([marker + ":young"], left);
        var purges = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Action == PurgeAuditLogJob.Action && a.At >= now - TimeSpan.FromSeconds(1))
            .ToListAsync());
        var zoetermeer = Assert.Single(purges, p => p.TenantId == tenantId);
        Assert.Equal("system", zoetermeer.Actor);
        Assert.Null(zoetermeer.ActorId);
        Assert.StartsWith("1 entries from before", zoetermeer.Detail, StringComparison.Ordinal);
        Assert.Contains("kept 395 days", zoetermeer.Detail, StringComparison.Ordinal);
        Assert.Contains(purges, p => p.TenantId == null);

        // The clock moves on a day: the entry that was one day short of the period goes on the next pass.
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        app.ForgetTokens();
        await app.RunJobAsync<PurgeAuditLogJob>();
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Object!.StartsWith(marker))));
    }

    [Fact]
    public async Task A_pass_with_nothing_to_purge_writes_nothing()
    {
        await app.RunJobAsync<PurgeAuditLogJob>(); // whatever earlier tests left
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == PurgeAuditLogJob.Action));
        await app.RunJobAsync<PurgeAuditLogJob>();
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == PurgeAuditLogJob.Action)));
    }

    private static AuditEntry Entry(string obj, Guid? tenantId, DateTimeOffset at) => new()
    {
        Actor = "retention-test",
        Action = "test.retention",
        Object = obj,
        TenantId = tenantId,
        At = at,
    };
}

[Collection(SqliteApp.Collection)]
public sealed class AuditRetentionTestsOnSqlite(SqliteApp app) : AuditRetentionTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AuditRetentionTestsOnPostgres(PostgresApp app) : AuditRetentionTests(app);
