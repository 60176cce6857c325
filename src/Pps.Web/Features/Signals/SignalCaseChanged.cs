using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Features.Signals;

/// <summary>A case arrived or changed (raised once per case per save, published only after commit).</summary>
public sealed record SignalCaseChanged(Guid TenantId, Guid SignalId, SignalRoute Route, string Category, SignalStatus Status, bool IsNew) : INotification;

/// <summary>
/// Every change a handler or reporter makes to a case appends a history line, so the save that adds history is where
/// "the case changed" is known for all use cases at once, with the case's final status of that save. Reads (audited
/// views, lists) add no history and raise nothing.
/// </summary>
internal sealed class SignalChangeNotifier : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Raise(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Raise(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Raise(DbContext? context)
    {
        if (context is not PpsDb db)
        {
            return;
        }

        var changed = db.ChangeTracker.Entries<SignalHistoryEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.SignalId).ToHashSet();
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<Signal>().Where(e => changed.Contains(e.Entity.Id)))
        {
            var s = entry.Entity;
            db.Raise(new SignalCaseChanged(s.TenantId, s.Id, s.Route, s.Category, s.Status, entry.State == EntityState.Added));
        }
    }
}

/// <summary>Tells the desk's handlers in the case's tenant; the group is joined on connect only by holders of the desk's role.</summary>
internal sealed class BroadcastSignalCaseChanged(IHubContext<LiveHub, ILiveClient> hub) : INotificationHandler<SignalCaseChanged>
{
    public async ValueTask Handle(SignalCaseChanged e, CancellationToken ct)
    {
        var message = new SignalLiveMessage(e.SignalId, e.Route, e.Category, e.Status, e.IsNew);
        await hub.Clients.Group(LiveGroups.Role(e.TenantId, SignalAccess.HandlerRole(e.Route))).SignalChanged(message);
    }
}
