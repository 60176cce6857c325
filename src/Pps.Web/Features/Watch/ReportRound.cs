using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>After the round a participant (or the board) reports: all quiet, or findings.</summary>
public sealed record ReportRound(Guid RoundId, bool AllQuiet, string? Findings) : ICommand<Result>;

internal sealed class ReportRoundValidator : AbstractValidator<ReportRound>
{
    public ReportRoundValidator()
    {
        RuleFor(c => c.Findings).MaximumLength(4000);
        RuleFor(c => c.Findings).NotEmpty().When(c => !c.AllQuiet).WithMessage("Describe the findings, or report all quiet.");
    }
}

internal sealed class ReportRoundHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<ReportRound, Result>
{
    public async ValueTask<Result> Handle(ReportRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        if (round is null || !access.IsEstateMember(round.EstateId))
        {
            return Result.NotFound("No such round.");
        }

        var participant = await db.PatrolSignups.AnyAsync(s => s.RoundId == round.Id && s.MemberId == access.MemberId, ct);
        if (!participant && !access.IsBoard(round.EstateId))
        {
            return Result.Forbidden("Only participants and the board report on a round.");
        }

        var now = clock.GetUtcNow();
        if (round.CancelledAt is not null)
        {
            return Result.Invalid("roundId", "The round is cancelled.");
        }

        if (round.EndUtc > now)
        {
            return Result.Invalid("roundId", "A round is reported after it has ended.");
        }

        round.ReportedAt = now;
        round.ReportedBy = access.MemberId;
        round.AllQuiet = cmd.AllQuiet;
        round.Findings = cmd.AllQuiet ? null : cmd.Findings!.Trim();
        audit.Add("watch.round.reported", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
