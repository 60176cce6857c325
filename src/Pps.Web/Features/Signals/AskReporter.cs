using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>A handler asks the reporter a question; the case waits for the reporter until they answer.</summary>
public sealed record AskReporter(SignalRoute Route, Guid Id, string Question) : ICommand<Result>;

internal sealed class AskReporterValidator : AbstractValidator<AskReporter>
{
    public AskReporterValidator() => RuleFor(c => c.Question).NotEmpty().MaximumLength(2000);
}

internal sealed class AskReporterHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<AskReporter, Result>
{
    public async ValueTask<Result> Handle(AskReporter cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result.NotFound();
        }

        if (s.Status == SignalStatus.Closed)
        {
            return Result.Invalid("status", "A closed case cannot ask the reporter anything.");
        }

        if (s.ReporterId is null && s.FollowUpHash is null)
        {
            return Result.Conflict("The reporter can no longer be reached: their identity was removed.");
        }

        var now = clock.GetUtcNow();
        SignalAccess.Append(db, s, HistoryKind.Question, now, me.Id, cmd.Question.Trim(), visibleToReporter: true);
        if (s.Status != SignalStatus.WaitingForReporter)
        {
            SignalAccess.Append(db, s, HistoryKind.StatusChanged, now, me.Id, visibleToReporter: true, from: s.Status, to: SignalStatus.WaitingForReporter);
            s.Status = SignalStatus.WaitingForReporter;
        }

        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.question-asked", SignalAccess.AuditObject(s));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
