using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Pushes a new alert to every device of each recipient who chose its severity for push. The delivery rows are
/// stored here; <see cref="PushDispatcher"/> sends them at once in the background, so the poster never waits on a push service.
/// </summary>
internal sealed class SendAlertPush(IServiceScopeFactory scopes, PushDispatcher dispatcher, TimeProvider clock) : INotificationHandler<AlertPosted>
{
    public async ValueTask Handle(AlertPosted e, CancellationToken ct)
    {
        if (e.Recipients.Count == 0)
        {
            return;
        }

        // Own scope: this runs inside the poster's commit, whose context must not be saved again here.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(e.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();

        var severity = e.Message.Severity;
        var recipients = e.Recipients.ToArray();
        var subscriptions = await db.PushSubscriptions.Where(s => recipients.Contains(s.MemberId)).ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var memberIds = subscriptions.Select(s => s.MemberId).Distinct().ToArray();
        var prefs = await db.ReachPreferences.Where(p => memberIds.Contains(p.MemberId)).ToDictionaryAsync(p => p.MemberId, p => p.PushSeverities, ct);
        var now = clock.GetUtcNow();
        var deliveries = subscriptions
            .Where(s => AlertPreferences.Parse(prefs.GetValueOrDefault(s.MemberId, ReachPreferences.DefaultPushSeverities)).Any(x => x.Name() == severity))
            .Select(s => new PushDelivery
            {
                TenantId = e.TenantId, AlertId = e.AlertId, MemberId = s.MemberId, SubscriptionId = s.Id,
                Status = PushDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            })
            .ToList();
        if (deliveries.Count == 0)
        {
            return;
        }

        db.PushDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        dispatcher.Wake();
    }
}
