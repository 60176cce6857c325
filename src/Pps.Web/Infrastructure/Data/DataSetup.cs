using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Infrastructure.Data;

internal static class DataSetup
{
    public static WebApplicationBuilder AddPpsData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PpsOptions.Section).Get<PpsOptions>() ?? new PpsOptions();
        var dataDirectory = options.ResolveDataDirectory(builder.Environment.ContentRootPath);
        var provider = options.DatabaseProvider;

        builder.Services.AddScoped<ITenantContext, TenantContext>();
        builder.Services.AddScoped<PublishEventsAfterCommit>();
        builder.Services.AddScoped<Idempotency.IdempotencyScope>();
        builder.Services.AddScoped<Idempotency.IdempotencyInterceptor>();
        builder.Services.Configure<Idempotency.IdempotencyOptions>(builder.Configuration.GetSection(Idempotency.IdempotencyOptions.Section));
        builder.Services.AddJob<Idempotency.PruneIdempotencyKeysJob>();
        // The provider part of the options is built once; each scope adds only its own interceptors to a copy. Built
        // per scope (UseSqlite/UseNpgsql and their warning defaults every time) it was ~5 % of a one-core hub's time
        // while thousands of clients reconnected (docs/benchmarks/live-profile.md, §6).
        var template = new Lazy<DbContextOptions<PpsDb>>(() =>
        {
            var db = new DbContextOptionsBuilder<PpsDb>();
            if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
            {
                var cs = builder.Configuration.GetConnectionString("Postgres")
                    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is required when Pps:DatabaseProvider is Postgres.");
                db.UseNpgsql(cs, o => o.MigrationsAssembly("Pps.Migrations.Postgres"));
            }
            else
            {
                var cs = builder.Configuration.GetConnectionString("Sqlite");
                if (string.IsNullOrWhiteSpace(cs))
                {
                    Directory.CreateDirectory(dataDirectory);
                    cs = $"Data Source={Path.Combine(dataDirectory, "pps.db")}";
                }

                db.UseSqlite(cs, o => o.MigrationsAssembly("Pps.Migrations.Sqlite"));
            }

            db.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, MarkerMigrationsAssembly>();
            return db.Options;
        });
        builder.Services.ConfigureDbContext<PpsDb>((sp, db) =>
            db.AddInterceptors(sp.GetRequiredService<PublishEventsAfterCommit>(), sp.GetRequiredService<Idempotency.IdempotencyInterceptor>()));
        builder.Services.AddDbContext<PpsDb>();
        builder.Services.Replace(ServiceDescriptor.Scoped(sp =>
        {
            // What AddDbContext does per scope, starting from the template instead of an empty builder.
            var db = new DbContextOptionsBuilder<PpsDb>(template.Value);
            db.UseApplicationServiceProvider(sp);
            foreach (var configuration in sp.GetServices<IDbContextOptionsConfiguration<PpsDb>>())
            {
                configuration.Configure(sp, db);
            }

            return db.Options;
        }));

        builder.Services.AddHealthChecks().AddDbContextCheck<PpsDb>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Creates and migrates the database, then loads the demo data when asked and the database is empty.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(PpsOptions.Section).Get<PpsOptions>() ?? new PpsOptions();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        if (options.MigrateAtStart || app.Configuration.GetValue<bool>("Pps:MigrateOnly"))
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // WAL lets readers and the one writer work side by side.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        if (options.DemoData)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<Features.Tenancy.DemoData>();
            await seeder.SeedIfEmptyAsync(CancellationToken.None);
        }
    }
}
