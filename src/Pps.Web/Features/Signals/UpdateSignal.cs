using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>Sets a case's priority and/or assigns it to a handler of the same desk (internal, not shown to the reporter).</summary>
public sealed record UpdateSignal(SignalRoute Route, Guid Id, SignalPriority? Priority = null, Guid? AssignedToId = null) : ICommand<Result>;

internal sealed class UpdateSignalValidator : AbstractValidator<UpdateSignal>
{
    public UpdateSignalValidator()
    {
        RuleFor(c => c.Priority).IsInEnum();
        RuleFor(c => c).Must(c => c.Priority is not null || c.AssignedToId is not null).WithName("priority").WithMessage("Give a priority or a handler.");
    }
}

internal sealed class UpdateSignalHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<UpdateSignal, Result>
{
    public async ValueTask<Result> Handle(UpdateSignal cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result.NotFound();
        }

        var now = clock.GetUtcNow();
        if (cmd.AssignedToId is { } assignee && assignee != s.AssignedToId)
        {
            var role = SignalAccess.HandlerRole(cmd.Route);
            var handler = await db.RoleAssignments.AnyAsync(r => r.MemberId == assignee && r.Role == role && r.EstateId == null, ct);
            if (!handler)
            {
                return Result.Invalid("assignedToId", "Assign the case to a handler of this desk in your municipality.");
            }

            s.AssignedToId = assignee;
            var name = await db.Users.Where(m => m.Id == assignee).Select(m => m.DisplayName).SingleAsync(ct);
            SignalAccess.Append(db, s, HistoryKind.Assigned, now, me.Id, name);
        }

        if (cmd.Priority is { } priority && priority != s.Priority)
        {
            s.Priority = priority;
            SignalAccess.Append(db, s, HistoryKind.PriorityChanged, now, me.Id, priority.ToString());
        }

        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.updated", SignalAccess.AuditObject(s));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
