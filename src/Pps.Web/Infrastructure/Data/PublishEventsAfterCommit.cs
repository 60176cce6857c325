using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pps.Web.Infrastructure.Data;

/// <summary>
/// Publishes the events a handler raised on <see cref="PpsDb"/> only once the data is committed: after
/// SaveChanges when no transaction is open, or after the explicit transaction commits. A rollback or a
/// failed save discards them, so no client ever hears of a change that did not happen. A transaction opened with
/// <see cref="PpsDb.BeginTransactionAsync"/> publishes when its commit has returned and the context holds no
/// transaction any more, so listeners may use the same context; one opened on <c>Database</c> directly publishes from
/// inside the commit (kept for code outside the app, which should not exist — see <see cref="PpsTransaction"/>).
/// </summary>
internal sealed class PublishEventsAfterCommit(IServiceProvider services, ILogger<PublishEventsAfterCommit> log)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // The context whose SaveChanges runs without an explicit transaction. EF may open its own transaction for a
    // multi-statement save; its commit must not publish: the context still holds the completed transaction until
    // SaveChanges returns, so a listener querying it failed ("The transaction object is not associated with the
    // same connection object as this command" on SQLite, "Transaction is already completed" on Npgsql).
    // SavedChanges publishes those events once the transaction is cleared. One interceptor per scope, one context.
    private DbContext? _savingWithoutTransaction;

    // The context whose explicit transaction is a PpsTransaction: it publishes after the commit has returned.
    private DbContext? _deferredTo;

    internal void DeferToTransaction(PpsDb db) => _deferredTo = db;

    internal void EndDeferral() => _deferredTo = null;

    /// <summary>Called by <see cref="PpsTransaction.CommitAsync"/> once EF has cleared the committed transaction.</summary>
    internal ValueTask PublishCommittedAsync(PpsDb db, CancellationToken ct)
    {
        _deferredTo = null;
        return PublishAsync(db, ct);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _savingWithoutTransaction = eventData.Context is { } c && c.Database.CurrentTransaction is null ? c : null;
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SavingChanges(eventData, result));

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _savingWithoutTransaction = null;
        if (eventData.Context is PpsDb db && db.Database.CurrentTransaction is null)
        {
            await PublishAsync(db, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _savingWithoutTransaction = null;
        if (eventData.Context is PpsDb db && db.Database.CurrentTransaction is null)
        {
            PublishAsync(db, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _savingWithoutTransaction = null;
        if (eventData.Context is PpsDb db && db.Database.CurrentTransaction is null)
        {
            db.DiscardPendingEvents();
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PpsDb db && !ReferenceEquals(db, _savingWithoutTransaction) && !ReferenceEquals(db, _deferredTo))
        {
            await PublishAsync(db, cancellationToken);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is PpsDb db && !ReferenceEquals(db, _savingWithoutTransaction) && !ReferenceEquals(db, _deferredTo))
        {
            PublishAsync(db, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        (eventData.Context as PpsDb)?.DiscardPendingEvents();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private async ValueTask PublishAsync(PpsDb db, CancellationToken ct)
    {
        var events = db.TakePendingEvents();
        if (events.Count == 0)
        {
            return;
        }

        var publisher = services.GetRequiredService<IPublisher>();
        foreach (var domainEvent in events)
        {
            try
            {
                // The data is committed; a failing listener (a broadcast, an e-mail) must not turn a stored
                // change into an error for the caller. Clients catch up from the database.
                await publisher.Publish(domainEvent, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Event {Event} failed in a listener after commit", domainEvent.GetType().Name);
            }
        }
    }
}
