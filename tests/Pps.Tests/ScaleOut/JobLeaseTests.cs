using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Tests.ScaleOut;

public abstract class JobLeaseTests(PpsApp app)
{
    [Fact]
    public async Task Only_one_instance_holds_a_job_lease_until_it_expires()
    {
        var job = "test-job-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await TryAsync(job, "instance-a"));
        Assert.False(await TryAsync(job, "instance-b"));
        Assert.True(await TryAsync(job, "instance-a")); // the holder renews

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await TryAsync(job, "instance-b")); // A stopped renewing: B takes over
        Assert.False(await TryAsync(job, "instance-a"));
    }

    [Fact]
    public async Task Concurrent_first_acquisitions_have_exactly_one_winner()
    {
        var job = "race-" + Guid.NewGuid().ToString("N")[..8];
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TryAsync(job, $"instance-{i}")));
        Assert.Equal(1, results.Count(r => r));
    }

    private async Task<bool> TryAsync(string job, string holder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var leases = new JobLeases(scope.ServiceProvider.GetRequiredService<PpsDb>(), app.Clock);
        return await leases.TryAcquireAsync(job, TimeSpan.FromSeconds(30), holder, CancellationToken.None);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class JobLeaseTestsOnSqlite(SqliteApp app) : JobLeaseTests(app);

[Collection(PostgresApp.Collection)]
public sealed class JobLeaseTestsOnPostgres(PostgresApp app) : JobLeaseTests(app);
