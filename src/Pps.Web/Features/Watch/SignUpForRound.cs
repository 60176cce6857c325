using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>A vetted member of the round's estate takes a place on it.</summary>
public sealed record SignUpForRound(Guid RoundId) : ICommand<Result>;

internal sealed class SignUpForRoundHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<SignUpForRound, Result>
{
    public async ValueTask<Result> Handle(SignUpForRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        if (round is null || !access.IsEstateMember(round.EstateId))
        {
            return Result.NotFound("No such round.");
        }

        var now = clock.GetUtcNow();
        if (RoundChanges.Refusal(round, now) is { } refusal)
        {
            return Result.Invalid("roundId", refusal);
        }

        if (await db.PatrolSignups.AnyAsync(s => s.RoundId == round.Id && s.MemberId == access.MemberId, ct))
        {
            return Result.Conflict("You are already on this round.");
        }

        db.PatrolSignups.Add(new PatrolSignup { TenantId = round.TenantId, RoundId = round.Id, MemberId = access.MemberId, SignedUpAt = now });
        audit.Add("watch.round.signed-up", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>A participant gives up their place before the round starts.</summary>
public sealed record WithdrawFromRound(Guid RoundId) : ICommand<Result>;

internal sealed class WithdrawFromRoundHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<WithdrawFromRound, Result>
{
    public async ValueTask<Result> Handle(WithdrawFromRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        var signup = round is null ? null
            : await db.PatrolSignups.SingleOrDefaultAsync(s => s.RoundId == round.Id && s.MemberId == access.MemberId, ct);
        if (round is null || signup is null)
        {
            return Result.NotFound("You are not on this round.");
        }

        if (RoundChanges.Refusal(round, clock.GetUtcNow()) is { } refusal)
        {
            return Result.Invalid("roundId", refusal);
        }

        db.PatrolSignups.Remove(signup);
        audit.Add("watch.round.withdrawn", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>The board puts a vetted member of the estate on a round.</summary>
public sealed record AssignToRound(Guid RoundId, Guid MemberId) : ICommand<Result>;

internal sealed class AssignToRoundHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<AssignToRound, Result>
{
    public async ValueTask<Result> Handle(AssignToRound cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        if (round is null)
        {
            return Result.NotFound("No such round.");
        }

        if (!access.IsBoard(round.EstateId))
        {
            return Result.Forbidden("Only the estate's board assigns members.");
        }

        var now = clock.GetUtcNow();
        if (RoundChanges.Refusal(round, now) is { } refusal)
        {
            return Result.Invalid("roundId", refusal);
        }

        if (!await access.IsVettedEstateMemberAsync(cmd.MemberId, round.EstateId, ct))
        {
            return Result.Invalid("memberId", "Only vetted members of this estate can be put on its rounds.");
        }

        if (await db.PatrolSignups.AnyAsync(s => s.RoundId == round.Id && s.MemberId == cmd.MemberId, ct))
        {
            return Result.Conflict("The member is already on this round.");
        }

        db.PatrolSignups.Add(new PatrolSignup { TenantId = round.TenantId, RoundId = round.Id, MemberId = cmd.MemberId, SignedUpAt = now });
        audit.Add("watch.round.assigned", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
