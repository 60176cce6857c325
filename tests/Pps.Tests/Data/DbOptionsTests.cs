using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Sessions;

namespace Pps.Tests.Data;

/// <summary>
/// The database options: the provider part is built once and shared by every scope, the interceptors are the
/// scope's own (they hold the scope's unit of work). Every scope used to build the provider options again.
/// </summary>
public abstract class DbOptionsTests(PpsApp app)
{
    [Fact]
    public async Task Scopes_share_the_provider_options_and_each_has_its_own_interceptors()
    {
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<DbContextOptions<PpsDb>>();
        var b = second.ServiceProvider.GetRequiredService<DbContextOptions<PpsDb>>();

        Assert.Same(a.Extensions.OfType<RelationalOptionsExtension>().Single(), b.Extensions.OfType<RelationalOptionsExtension>().Single());
        var interceptorsA = a.FindExtension<CoreOptionsExtension>()!.Interceptors!.ToList();
        var interceptorsB = b.FindExtension<CoreOptionsExtension>()!.Interceptors!.ToList();
        Assert.Same(first.ServiceProvider.GetRequiredService<PublishEventsAfterCommit>(), Assert.Single(interceptorsA.OfType<PublishEventsAfterCommit>()));
        Assert.Same(second.ServiceProvider.GetRequiredService<PublishEventsAfterCommit>(), Assert.Single(interceptorsB.OfType<PublishEventsAfterCommit>()));
        Assert.Single(interceptorsA.OfType<StampRotationInterceptor>()); // added by another capability (ConfigureDbContext)
        Assert.Same(a, first.ServiceProvider.GetRequiredService<PpsDb>().GetService<IDbContextOptions>());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DbOptionsTestsOnSqlite(SqliteApp app) : DbOptionsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DbOptionsTestsOnPostgres(PostgresApp app) : DbOptionsTests(app);
