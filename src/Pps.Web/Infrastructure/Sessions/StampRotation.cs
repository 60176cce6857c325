using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Sessions;

/// <summary>A member's security stamp changed and the change is committed: cached stamps of the member are stale.</summary>
public sealed record MemberStampRotated(Guid MemberId) : INotification;

/// <summary>
/// Notices every rotation of a member's security stamp in a save — ours (log-out, rights changes, erasure) and
/// Identity's own (password reset, 2FA, e-mail change) — and raises <see cref="MemberStampRotated"/>, which is
/// published only after the data is committed (<see cref="PublishEventsAfterCommit"/>).
/// </summary>
internal sealed class StampRotationInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PpsDb db)
        {
            RaiseRotations(db);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SavingChanges(eventData, result));

    private static void RaiseRotations(PpsDb db)
    {
        // Interceptors run before SaveChanges detects changes; detecting them for members only keeps a large save cheap.
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<Member>())
            {
                entry.DetectChanges();
                if (entry.State != EntityState.Modified)
                {
                    continue;
                }

                // Identity's store marks every property modified on update: compare the values, not the flag.
                var stamp = entry.Property(m => m.SecurityStamp);
                if (!string.Equals(stamp.OriginalValue, stamp.CurrentValue, StringComparison.Ordinal))
                {
                    db.Raise(new MemberStampRotated(entry.Entity.Id));
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}

/// <summary>Evicts the stamp on this instance and tells the other instances to do the same.</summary>
internal sealed class EvictRotatedStamp(MemberStamps stamps, SessionChannel channel) : INotificationHandler<MemberStampRotated>
{
    public async ValueTask Handle(MemberStampRotated e, CancellationToken ct)
    {
        stamps.Evict(e.MemberId);
        await channel.PublishAsync(e.MemberId, endSessions: false);
    }
}
