using System.Net;
using System.Net.Http.Json;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Benchmarks;

/// <summary>The benchmark's seeding, broadcast and full-collection helpers exist only in the Benchmark environment, never in the suite's or production's.</summary>
public abstract class BenchmarkHelpersTests(PpsApp app)
{
    [Fact]
    public async Task Outside_the_Benchmark_environment_the_member_seeding_helper_does_not_exist()
    {
        using var anonymous = app.AnonymousClient();
        using var response = await anonymous.PostAsJsonAsync("/benchmark/members", new { count = 1 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        using var staff = await app.ClientForAsync("oov@zoetermeer.demo");
        using var asStaff = await staff.PostAsJsonAsync("/benchmark/members", new { count = 1 });
        Assert.Equal(HttpStatusCode.NotFound, asStaff.StatusCode);
    }

    [Fact]
    public async Task Outside_the_Benchmark_environment_the_broadcast_helper_does_not_exist()
    {
        using var staff = await app.ClientForAsync("oov@zoetermeer.demo");
        using var response = await staff.PostAsJsonAsync($"/benchmark/broadcast/{Guid.NewGuid()}", new { w = 1 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Outside_the_Benchmark_environment_the_full_collection_helper_does_not_exist()
    {
        using var anonymous = app.AnonymousClient();
        using var response = await anonymous.PostAsync("/benchmark/gc", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class BenchmarkHelpersTestsOnSqlite(SqliteApp app) : BenchmarkHelpersTests(app);

[Collection(PostgresApp.Collection)]
public sealed class BenchmarkHelpersTestsOnPostgres(PostgresApp app) : BenchmarkHelpersTests(app);
