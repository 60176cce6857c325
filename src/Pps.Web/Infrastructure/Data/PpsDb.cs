using System.Linq.Expressions;
using Mediator;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;

namespace Pps.Web.Infrastructure.Data;

/// <summary>
/// The one database context. Capabilities add their sets in their own folder with
/// <c>public partial class PpsDb { public DbSet&lt;X&gt; Xs =&gt; Set&lt;X&gt;(); }</c> and their mapping as an
/// <see cref="IEntityTypeConfiguration{TEntity}"/>; this file never has to change for a new capability.
/// </summary>
public partial class PpsDb(DbContextOptions<PpsDb> options, ITenantContext tenant)
    : IdentityDbContext<Member, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private readonly List<INotification> _pendingEvents = [];

    /// <summary>The tenant every tenant-owned query is limited to; read by the global query filters.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>True only for platform jobs and platform administration, which work across tenants on purpose.</summary>
    public bool CrossTenant => tenant.IsCrossTenant;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Queues an event that is published only after the surrounding save (or transaction) commits.</summary>
    public void Raise(INotification domainEvent) => _pendingEvents.Add(domainEvent);

    internal IReadOnlyList<INotification> TakePendingEvents()
    {
        var events = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        return events;
    }

    internal void DiscardPendingEvents() => _pendingEvents.Clear();

    /// <summary>
    /// Opens an explicit transaction whose events are published once the commit has returned (<see cref="PpsTransaction"/>).
    /// Use this, not <c>Database.BeginTransactionAsync</c>, whenever a handler needs more than one SaveChanges in one unit.
    /// </summary>
    public Task<PpsTransaction> BeginTransactionAsync(CancellationToken ct) => PpsTransaction.BeginAsync(this, null, ct);

    /// <inheritdoc cref="BeginTransactionAsync(CancellationToken)"/>
    public Task<PpsTransaction> BeginTransactionAsync(System.Data.IsolationLevel isolation, CancellationToken ct) => PpsTransaction.BeginAsync(this, isolation, ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PpsDb).Assembly);

        builder.Entity<Member>().HasQueryFilter(
            "Tenant",
            m => CrossTenant || CurrentTenantId == null || m.TenantId == CurrentTenantId);
        builder.Entity<RoleAssignment>().HasQueryFilter(
            "Tenant",
            r => CrossTenant || r.TenantId == CurrentTenantId);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                var method = typeof(PpsDb).GetMethod(nameof(TenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entity.ClrType);
                builder.Entity(entity.ClrType).HasQueryFilter("Tenant", (LambdaExpression)method.Invoke(this, null)!);
            }
        }

        if (Database.IsSqlite())
        {
            SqliteConventions.Apply(builder);
        }
        else if (Database.IsNpgsql())
        {
            Features.MemberDirectory.DirectorySearchVector.Apply(builder);
        }
    }

    private Expression<Func<T, bool>> TenantFilter<T>() where T : ITenantOwned
        => e => CrossTenant || e.TenantId == CurrentTenantId;
}

/// <summary>Marks an entity that belongs to one tenant. A global query filter keeps it inside its tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
