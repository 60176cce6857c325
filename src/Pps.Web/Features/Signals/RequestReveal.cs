using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>A handler asks to see a confidential reporter's identity, with a reason; a second handler must approve.</summary>
public sealed record RequestReveal(SignalRoute Route, Guid Id, string Reason) : ICommand<Result<Guid>>;

internal sealed class RequestRevealValidator : AbstractValidator<RequestReveal>
{
    public RequestRevealValidator() => RuleFor(c => c.Reason).NotEmpty().MinimumLength(10).MaximumLength(1000);
}

internal sealed class RequestRevealHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<RequestReveal, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RequestReveal cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result<Guid>.NotFound();
        }

        if (s.Mode != ReportMode.Confidential || s.ReporterId is null)
        {
            return Result<Guid>.Conflict("Only a confidential report with a stored identity can be revealed.");
        }

        var request = new RevealRequest { TenantId = s.TenantId, SignalId = s.Id, RequestedById = me.Id, Reason = cmd.Reason.Trim(), RequestedAt = clock.GetUtcNow() };
        db.RevealRequests.Add(request);
        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.reveal-requested", SignalAccess.AuditObject(s), detail: request.Reason);
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Created(request.Id);
    }
}
