using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Alerts;

/// <summary>Acknowledges through the signed link of an escalation e-mail, without signing in.</summary>
public sealed record AcknowledgeAlertByLink(string? Token, bool Confirm) : ICommand<Result<AlertMessage>>;

internal sealed class AcknowledgeAlertByLinkHandler(PpsDb db, ITenantContext tenant, AlertAckTokens tokens, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<AcknowledgeAlertByLink, Result<AlertMessage>>
{
    public async ValueTask<Result<AlertMessage>> Handle(AcknowledgeAlertByLink cmd, CancellationToken ct)
    {
        if (!tokens.TryRead(cmd.Token, out var alertId, out var memberId))
        {
            return Result<AlertMessage>.NotFound("This link is not valid or has expired.");
        }

        // Nobody is signed in: the token names the member, and the tenant follows from the alert.
        var tenantId = await db.Alerts.IgnoreQueryFilters().Where(a => a.Id == alertId).Select(a => (Guid?)a.TenantId).SingleOrDefaultAsync(ct);
        if (tenantId is null)
        {
            return Result<AlertMessage>.NotFound("This link is not valid or has expired.");
        }

        tenant.Use(tenantId.Value);
        if (!cmd.Confirm)
        {
            var receipt = await db.AlertReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.AlertId == alertId && r.MemberId == memberId, ct);
            var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId, ct);
            return receipt is null ? Result<AlertMessage>.NotFound() : Result<AlertMessage>.Ok(alert.ToMessage(receipt));
        }

        audit.Add("alert.acknowledged-by-link", $"alert:{alertId}", detail: $"member:{memberId}");
        return await ReceiptSteps.ApplyAsync(db, alertId, memberId, r => r.Acknowledge(clock.GetUtcNow()), ct);
    }
}
