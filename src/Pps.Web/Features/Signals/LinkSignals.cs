using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>Links two related cases of the same desk (for example several reports about one building).</summary>
public sealed record LinkSignals(SignalRoute Route, Guid Id, Guid OtherId) : ICommand<Result>;

internal sealed class LinkSignalsHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<LinkSignals, Result>
{
    public async ValueTask<Result> Handle(LinkSignals cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result.NotFound();
        }

        var other = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.OtherId, ct);
        if (other is null || other.Id == s.Id)
        {
            return Result.Invalid("otherId", "Choose another case of your desk to link.");
        }

        if (await db.SignalLinks.AnyAsync(l => (l.SignalId == s.Id && l.LinkedSignalId == other.Id) || (l.SignalId == other.Id && l.LinkedSignalId == s.Id), ct))
        {
            return Result.Ok();
        }

        var now = clock.GetUtcNow();
        db.SignalLinks.Add(new SignalLink { TenantId = s.TenantId, SignalId = s.Id, LinkedSignalId = other.Id, LinkedAt = now, LinkedById = me.Id });
        SignalAccess.Append(db, s, HistoryKind.Linked, now, me.Id, other.Reference);
        SignalAccess.Append(db, other, HistoryKind.Linked, now, me.Id, s.Reference);
        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.linked", SignalAccess.AuditObject(s), detail: SignalAccess.AuditObject(other));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
