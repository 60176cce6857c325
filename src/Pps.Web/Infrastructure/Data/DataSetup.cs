using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
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
        builder.Services.AddDbContext<PpsDb>((sp, db) =>
        {
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
            db.AddInterceptors(sp.GetRequiredService<PublishEventsAfterCommit>(), sp.GetRequiredService<Idempotency.IdempotencyInterceptor>());
        });

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
