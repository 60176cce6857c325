using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>Four eyes: a handler other than the one who asked approves the reveal of a confidential reporter.</summary>
public sealed record ApproveReveal(SignalRoute Route, Guid Id, Guid RequestId) : ICommand<Result>;

internal sealed class ApproveRevealHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<ApproveReveal, Result>
{
    public async ValueTask<Result> Handle(ApproveReveal cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        var request = s is null ? null : await db.RevealRequests.SingleOrDefaultAsync(r => r.Id == cmd.RequestId && r.SignalId == s.Id, ct);
        if (s is null || request is null)
        {
            return Result.NotFound();
        }

        if (request.RequestedById == me.Id)
        {
            await audit.WriteAsync($"{SignalAccess.AuditPrefix(cmd.Route)}.reveal-approved", SignalAccess.AuditObject(s), AuditResult.Denied, "requester cannot approve", ct: ct);
            return Result.Forbidden("A second handler must approve: you cannot approve your own request.");
        }

        if (request.ApprovedAt is not null)
        {
            return Result.Ok();
        }

        request.ApprovedById = me.Id;
        request.ApprovedAt = clock.GetUtcNow();
        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.reveal-approved", SignalAccess.AuditObject(s), detail: request.Reason);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
