using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

/// <summary>One alert, for a recipient, its poster or municipal staff; for anyone else it does not exist.</summary>
public sealed record GetAlert(Guid AlertId) : IQuery<Result<AlertView>>;

public sealed record AlertView(AlertMessage Alert, bool IsRecipient, bool MaySeeReceipts, IReadOnlyList<string> EstateNames, IReadOnlyList<string> Roles, bool WholeTenant);

internal sealed class GetAlertHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetAlert, Result<AlertView>>
{
    public async ValueTask<Result<AlertView>> Handle(GetAlert q, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == q.AlertId, ct);
        if (alert is null)
        {
            return Result<AlertView>.NotFound();
        }

        var receipt = await db.AlertReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.AlertId == alert.Id && r.MemberId == me.Id, ct);
        var maySeeReceipts = me.MaySeeReceipts(alert);
        if (receipt is null && !maySeeReceipts)
        {
            return Result<AlertView>.NotFound();
        }

        var estateIds = alert.TargetEstates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray();
        var estateNames = await db.Estates.Where(e => estateIds.Contains(e.Id)).OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(ct);
        var roles = alert.TargetRoles.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return Result<AlertView>.Ok(new AlertView(alert.ToMessage(receipt), receipt is not null, maySeeReceipts, estateNames, roles, alert.TargetsWholeTenant));
    }
}
