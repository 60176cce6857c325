using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Makes the signal history append-only at the last gate before the database: a tracked history row that is modified
/// or deleted aborts the save. Retention removes whole signals with a set-based delete, which does not pass here.
/// </summary>
internal sealed class SignalHistoryGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<SignalHistoryEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Signal history is append-only: a history row cannot be changed or deleted.");
            }
        }
    }
}
