using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pps.Web.Infrastructure.Data;

/// <summary>
/// The migrations projects cannot reference the web host (the host references them), so their migrations
/// carry <c>[DbContext(typeof(MigrationsMarker))]</c> instead of <see cref="PpsDb"/>. This adapter picks the
/// migrations and snapshot of the configured migrations assembly by that marker.
/// See docs/decisions/0004-migrations-projects.md.
/// </summary>
internal sealed class MarkerMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLoaded;

    public Assembly Assembly { get; } = LoadAssembly(currentContext, options);

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= Assembly.DefinedTypes
        .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && IsOurs(t))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(m => m.Id is not null)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var type = Assembly.DefinedTypes.FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)) && IsOurs(t));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotLoaded = true;
            }

            return _snapshot;
        }
    }

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    public string? FindMigrationId(string nameOrId)
        => Migrations.Keys.Where(
                idGenerator.IsValidId(nameOrId)
                    ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                    : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();

    private static bool IsOurs(TypeInfo type)
    {
        var context = type.GetCustomAttribute<DbContextAttribute>()?.ContextType;
        return context is not null && (context.Name == "MigrationsMarker" || context == typeof(PpsDb));
    }

    private static Assembly LoadAssembly(ICurrentDbContext currentContext, IDbContextOptions options)
    {
        var name = RelationalOptionsExtension.Extract(options).MigrationsAssembly;
        return name is null ? currentContext.Context.GetType().Assembly : Assembly.Load(new AssemblyName(name));
    }
}
