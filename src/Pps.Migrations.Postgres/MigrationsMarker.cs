namespace Pps.Migrations.Postgres;

/// <summary>
/// Generated migrations name this type in their <c>[DbContext]</c> attribute instead of the web host's context,
/// so this assembly needs no reference to the host. The host's migrations-assembly adapter accepts it.
/// </summary>
public sealed class MigrationsMarker : Microsoft.EntityFrameworkCore.DbContext;
