using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// The caller's alerts (targeted at them). With <paramref name="After"/>: those after that sequence, oldest
/// first (for clients that poll). Without: newest first, unacknowledged urgent ones on top (the alerts page).
/// </summary>
public sealed record GetMyAlerts(long? After, int Limit = 100) : IQuery<IReadOnlyList<AlertMessage>>;

internal sealed class GetMyAlertsValidator : AbstractValidator<GetMyAlerts>
{
    public GetMyAlertsValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, 500);
    }
}

internal sealed class GetMyAlertsHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetMyAlerts, IReadOnlyList<AlertMessage>>
{
    public async ValueTask<IReadOnlyList<AlertMessage>> Handle(GetMyAlerts q, CancellationToken ct)
    {
        var mine = from r in db.AlertReceipts
                   join a in db.Alerts on r.AlertId equals a.Id
                   where r.MemberId == me.Id
                   select new { Receipt = r, Alert = a };
        if (q.After is { } after)
        {
            var rows = await mine.Where(x => x.Receipt.Sequence > after).OrderBy(x => x.Receipt.Sequence).Take(q.Limit).AsNoTracking().ToListAsync(ct);
            return rows.Select(x => x.Alert.ToMessage(x.Receipt)).ToArray();
        }

        var now = clock.GetUtcNow();
        var latest = await mine.Where(x => x.Alert.ExpiresAt == null || x.Alert.ExpiresAt > now)
            .OrderByDescending(x => x.Receipt.Sequence).Take(q.Limit).AsNoTracking().ToListAsync(ct);
        return latest
            .OrderByDescending(x => x.Alert.Severity == AlertSeverity.Urgent && x.Alert.RequiresAcknowledgement && x.Receipt.AcknowledgedAt == null)
            .ThenByDescending(x => x.Receipt.Sequence)
            .Select(x => x.Alert.ToMessage(x.Receipt))
            .ToArray();
    }
}
