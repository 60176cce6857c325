using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>A member answers a question on their own report. Someone else's report is a 404.</summary>
public sealed record AnswerAsMember(Guid Id, string Answer) : ICommand<Result>;

internal sealed class AnswerAsMemberValidator : AbstractValidator<AnswerAsMember>
{
    public AnswerAsMemberValidator() => RuleFor(c => c.Answer).NotEmpty().MaximumLength(5000);
}

internal sealed class AnswerAsMemberHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<AnswerAsMember, Result>
{
    public async ValueTask<Result> Handle(AnswerAsMember cmd, CancellationToken ct)
    {
        var s = me.IsAuthenticated ? await db.Signals.SingleOrDefaultAsync(x => x.Id == cmd.Id && x.ReporterId == me.Id, ct) : null;
        if (s is null)
        {
            return Result.NotFound();
        }

        if (!(await ReporterCases.BuildAsync(db, s, ct)).QuestionOpen)
        {
            return Result.Invalid("answer", "There is no open question to answer.");
        }

        ReporterCases.Answer(db, s, cmd.Answer, clock.GetUtcNow());
        audit.Add($"{SignalAccess.AuditPrefix(s.Route)}.answered", SignalAccess.AuditObject(s));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
