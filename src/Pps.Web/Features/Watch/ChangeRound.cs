using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>The board changes a round that has not started; its participants are mailed the new time and route.</summary>
public sealed record UpdateRound(Guid RoundId, DateTimeOffset Start, DateTimeOffset End, string Route, int MinimumPeople) : ICommand<Result<RoundView>>;

internal sealed class UpdateRoundValidator : AbstractValidator<UpdateRound>
{
    public UpdateRoundValidator()
    {
        RuleFor(c => c.Route).NotEmpty().MaximumLength(1000);
        RuleFor(c => c.End).GreaterThan(c => c.Start).WithMessage("The round must end after it starts.");
        RuleFor(c => c.End).Must((c, end) => end - c.Start <= TimeSpan.FromHours(CreateRoundValidator.MaxRoundHours))
            .WithMessage($"A round lasts at most {CreateRoundValidator.MaxRoundHours} hours.");
        RuleFor(c => c.MinimumPeople).InclusiveBetween(1, 20);
    }
}

internal sealed class UpdateRoundHandler(PpsDb db, WatchAccess access, RoundMailer mailer, IAuditLog audit, IMediator mediator, TimeProvider clock)
    : ICommandHandler<UpdateRound, Result<RoundView>>
{
    public async ValueTask<Result<RoundView>> Handle(UpdateRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        if (round is null)
        {
            return Result<RoundView>.NotFound("No such round.");
        }

        if (!access.IsBoard(round.EstateId))
        {
            return Result<RoundView>.Forbidden("Only the estate's board changes rounds.");
        }

        var now = clock.GetUtcNow();
        if (RoundChanges.Refusal(round, now) is { } refusal)
        {
            return Result<RoundView>.Invalid("roundId", refusal);
        }

        if (cmd.Start <= now)
        {
            return Result<RoundView>.Invalid("start", "A round is planned in the future.");
        }

        var moved = round.StartUtc != cmd.Start.ToUniversalTime() || round.EndUtc != cmd.End.ToUniversalTime() || round.Route != cmd.Route.Trim();
        round.StartUtc = cmd.Start.ToUniversalTime();
        round.EndUtc = cmd.End.ToUniversalTime();
        round.Route = cmd.Route.Trim();
        round.MinimumPeople = cmd.MinimumPeople;
        round.UpdatedAt = now;
        if (moved)
        {
            // A new time deserves a new reminder and a fresh look at the staffing.
            round.RemindedAt = null;
            round.UnderstaffedNoticeAt = null;
            var participants = await db.PatrolSignups.Where(s => s.RoundId == round.Id).Select(s => s.MemberId).ToListAsync(ct);
            await mailer.MailAsync(round, participants, "MailChangedSubject", "MailChangedBody", $"watch-changed:{round.Id:N}:{now.UtcTicks}", participants.Count, ct);
        }

        audit.Add("watch.round.updated", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return await mediator.Send(new GetRound(round.Id), ct);
    }
}

/// <summary>The board cancels a round that has not started; its participants are told by mail. The round stays visible as cancelled.</summary>
public sealed record CancelRound(Guid RoundId) : ICommand<Result>;

internal sealed class CancelRoundHandler(PpsDb db, WatchAccess access, RoundMailer mailer, IAuditLog audit, TimeProvider clock) : ICommandHandler<CancelRound, Result>
{
    public async ValueTask<Result> Handle(CancelRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        if (round is null)
        {
            return Result.NotFound("No such round.");
        }

        if (!access.IsBoard(round.EstateId))
        {
            return Result.Forbidden("Only the estate's board cancels rounds.");
        }

        var now = clock.GetUtcNow();
        if (RoundChanges.Refusal(round, now) is { } refusal)
        {
            return Result.Invalid("roundId", refusal);
        }

        round.CancelledAt = now;
        var participants = await db.PatrolSignups.Where(s => s.RoundId == round.Id).Select(s => s.MemberId).ToListAsync(ct);
        await mailer.MailAsync(round, participants, "MailCancelledSubject", "MailCancelledBody", $"watch-cancelled:{round.Id:N}", participants.Count, ct);
        audit.Add("watch.round.cancelled", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

internal static class RoundChanges
{
    /// <summary>Why a round can no longer be changed, signed up for or swapped; null when it still can.</summary>
    public static string? Refusal(PatrolRound round, DateTimeOffset now)
        => round.CancelledAt is not null ? "The round is cancelled."
            : round.StartUtc <= now ? "The round has already started."
            : null;
}
