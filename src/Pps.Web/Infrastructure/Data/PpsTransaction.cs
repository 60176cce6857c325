using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pps.Web.Infrastructure.Data;

/// <summary>
/// An explicit transaction on <see cref="PpsDb"/> whose events are published after <see cref="CommitAsync"/> has
/// returned from the database, when the context no longer holds the transaction: a listener may then query the same
/// context (inside EF's commit it could not: "Transaction is already completed" on Npgsql, "not associated with the
/// same connection" on SQLite). A rollback, or disposing without a commit, discards the events.
/// </summary>
public sealed class PpsTransaction : IAsyncDisposable
{
    private readonly PpsDb _db;
    private readonly IDbContextTransaction _tx;
    private readonly PublishEventsAfterCommit? _events;
    private bool _committed;

    private PpsTransaction(PpsDb db, IDbContextTransaction tx, PublishEventsAfterCommit? events)
    {
        _db = db;
        _tx = tx;
        _events = events;
    }

    internal static async Task<PpsTransaction> BeginAsync(PpsDb db, IsolationLevel? isolation, CancellationToken ct)
    {
        // The scope's interceptor, as the context was built with it; absent in contexts made by hand (benchmarks).
        var events = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<PublishEventsAfterCommit>().FirstOrDefault();
        var tx = isolation is { } level ? await db.Database.BeginTransactionAsync(level, ct) : await db.Database.BeginTransactionAsync(ct);
        events?.DeferToTransaction(db);
        return new PpsTransaction(db, tx, events);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await _tx.CommitAsync(ct);
        _committed = true;
        if (_events is not null)
        {
            await _events.PublishCommittedAsync(_db, ct);
        }
    }

    public Task RollbackAsync(CancellationToken ct) => _tx.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        _events?.EndDeferral();
        if (!_committed)
        {
            _db.DiscardPendingEvents();
        }

        await _tx.DisposeAsync();
    }
}
