using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Moves a case along received → in progress → waiting for reporter → forwarded → closed. Each change is a history
/// line the reporter can read, with an optional personal message from the handler.
/// </summary>
public sealed record ChangeSignalStatus(
    SignalRoute Route,
    Guid Id,
    SignalStatus Status,
    ForwardedTo? ForwardedTo = null,
    string? Result = null,
    string? MessageToReporter = null) : ICommand<Result>;

internal sealed class ChangeSignalStatusValidator : AbstractValidator<ChangeSignalStatus>
{
    public ChangeSignalStatusValidator()
    {
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.ForwardedTo).NotNull().IsInEnum().When(c => c.Status == SignalStatus.Forwarded).WithMessage("Say where the case was forwarded to.");
        RuleFor(c => c.Result).NotEmpty().When(c => c.Status == SignalStatus.Closed).WithMessage("Describe the result when closing.");
        RuleFor(c => c.Result).MaximumLength(2000);
        RuleFor(c => c.MessageToReporter).MaximumLength(2000);
    }
}

internal sealed class ChangeSignalStatusHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<ChangeSignalStatus, Result>
{
    public async ValueTask<Result> Handle(ChangeSignalStatus cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result.NotFound();
        }

        if (!SignalAccess.CanMoveTo(s.Status, cmd.Status))
        {
            return Result.Invalid("status", $"A case cannot move from {s.Status} to {cmd.Status}.");
        }

        var now = clock.GetUtcNow();
        var from = s.Status;
        s.Status = cmd.Status;
        if (cmd.Status == SignalStatus.Forwarded)
        {
            s.ForwardedTo = cmd.ForwardedTo;
        }

        if (cmd.Status == SignalStatus.Closed)
        {
            s.Result = cmd.Result!.Trim();
            s.ClosedAt = now;
        }

        var message = string.IsNullOrWhiteSpace(cmd.MessageToReporter) ? null : cmd.MessageToReporter.Trim();
        SignalAccess.Append(db, s, HistoryKind.StatusChanged, now, me.Id, message, visibleToReporter: true, from: from, to: cmd.Status);
        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.status-changed", SignalAccess.AuditObject(s), detail: $"{from}->{cmd.Status}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
