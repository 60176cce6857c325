using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>The board of an estate plans a patrol round.</summary>
public sealed record CreateRound(Guid EstateId, DateTimeOffset Start, DateTimeOffset End, string Route, int? MinimumPeople) : ICommand<Result<RoundView>>;

internal sealed class CreateRoundValidator : AbstractValidator<CreateRound>
{
    public const int MaxRoundHours = 12;

    public CreateRoundValidator()
    {
        RuleFor(c => c.Route).NotEmpty().MaximumLength(1000);
        RuleFor(c => c.End).GreaterThan(c => c.Start).WithMessage("The round must end after it starts.");
        RuleFor(c => c.End).Must((c, end) => end - c.Start <= TimeSpan.FromHours(MaxRoundHours))
            .WithMessage($"A round lasts at most {MaxRoundHours} hours.");
        RuleFor(c => c.MinimumPeople).InclusiveBetween(1, 20);
    }
}

internal sealed class CreateRoundHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<CreateRound, Result<RoundView>>
{
    public async ValueTask<Result<RoundView>> Handle(CreateRound cmd, CancellationToken ct)
    {
        var estate = await access.EstateAsync(cmd.EstateId, ct);
        if (estate is null || !access.CanSeeRounds(estate.Id))
        {
            return Result<RoundView>.NotFound("No such estate.");
        }

        if (!access.IsBoard(estate.Id))
        {
            return Result<RoundView>.Forbidden("Only the estate's board plans rounds.");
        }

        var now = clock.GetUtcNow();
        if (cmd.Start <= now)
        {
            return Result<RoundView>.Invalid("start", "A round is planned in the future.");
        }

        var round = new PatrolRound
        {
            TenantId = estate.TenantId,
            EstateId = estate.Id,
            StartUtc = cmd.Start.ToUniversalTime(),
            EndUtc = cmd.End.ToUniversalTime(),
            Route = cmd.Route.Trim(),
            MinimumPeople = cmd.MinimumPeople ?? 2,
            CreatedBy = access.MemberId,
            CreatedAt = now,
        };
        db.PatrolRounds.Add(round);
        audit.Add("watch.round.created", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result<RoundView>.Created(RoundView.Of(round, estate.Name, []));
    }
}
