using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>The anonymous reporter answers a handler's question, identified only by the follow-up code.</summary>
public sealed record AnswerWithCode(string Code, string Answer) : ICommand<Result<ReporterCase>>;

internal sealed class AnswerWithCodeValidator : AbstractValidator<AnswerWithCode>
{
    public AnswerWithCodeValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(80);
        RuleFor(c => c.Answer).NotEmpty().MaximumLength(5000);
    }
}

internal sealed class AnswerWithCodeHandler(PpsDb db, ITenantContext tenants, TimeProvider clock) : ICommandHandler<AnswerWithCode, Result<ReporterCase>>
{
    public async ValueTask<Result<ReporterCase>> Handle(AnswerWithCode cmd, CancellationToken ct)
    {
        var s = await FollowUpLookup.FindAsync(db, cmd.Code, ct);
        if (s is null)
        {
            return Result<ReporterCase>.NotFound();
        }

        tenants.Use(s.TenantId);
        var view = await ReporterCases.BuildAsync(db, s, ct);
        if (!view.QuestionOpen)
        {
            return Result<ReporterCase>.Invalid("answer", "There is no open question to answer.");
        }

        var now = clock.GetUtcNow();
        ReporterCases.Answer(db, s, cmd.Answer, now);
        SignalAccess.AuditAnonymous(db, now, s, $"{SignalAccess.AuditPrefix(s.Route)}.answered");
        await db.SaveChangesAsync(ct);
        return Result<ReporterCase>.Ok(await ReporterCases.BuildAsync(db, s, ct));
    }
}
