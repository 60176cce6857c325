using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pps.Web.Infrastructure.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of the current request, if any, waiting to be stored with the request's first successful
/// save. Per request (scoped).
/// </summary>
public sealed class IdempotencyScope
{
    internal IdempotentRequest? Pending { get; private set; }

    /// <summary>True once a save that included the key has succeeded: the write it guards is stored.</summary>
    public bool Persisted { get; private set; }

    internal bool AddedToCurrentSave { get; set; }

    internal void Begin(IdempotentRequest request)
    {
        Pending = request;
        Persisted = false;
    }

    internal void MarkPersisted()
    {
        Persisted = true;
        AddedToCurrentSave = false;
    }
}

/// <summary>
/// Adds the pending idempotency record to the first save of the request — again after a handler cleared its change
/// tracker to retry — so the record and the write commit together or not at all.
/// </summary>
internal sealed class IdempotencyInterceptor(IdempotencyScope scope) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Attach(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Attach(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Complete();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Complete();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => scope.AddedToCurrentSave = false;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        scope.AddedToCurrentSave = false;
        return Task.CompletedTask;
    }

    private void Attach(DbContext? context)
    {
        if (context is null || scope.Pending is not { } pending || scope.Persisted)
        {
            return;
        }

        if (!context.ChangeTracker.Entries<IdempotentRequest>().Any(e => e.Entity.MemberId == pending.MemberId && e.Entity.Key == pending.Key))
        {
            // A fresh copy each time: a handler that cleared its change tracker to retry has detached the last one.
            context.Add(new IdempotentRequest { MemberId = pending.MemberId, Key = pending.Key, Operation = pending.Operation, CreatedAt = pending.CreatedAt });
        }

        scope.AddedToCurrentSave = true;
    }

    private void Complete()
    {
        if (scope.AddedToCurrentSave)
        {
            scope.MarkPersisted();
        }
    }
}
