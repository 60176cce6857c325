using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>A participant offers their place to another vetted member of the estate; it moves only when that member accepts.</summary>
public sealed record OfferRoundSwap(Guid RoundId, Guid ToMemberId) : ICommand<Result>;

internal sealed class OfferRoundSwapHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<OfferRoundSwap, Result>
{
    public async ValueTask<Result> Handle(OfferRoundSwap cmd, CancellationToken ct)
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

        if (cmd.ToMemberId == access.MemberId || !await access.IsVettedEstateMemberAsync(cmd.ToMemberId, round.EstateId, ct))
        {
            return Result.Invalid("memberId", "A place can only go to another vetted member of this estate.");
        }

        if (await db.PatrolSignups.AnyAsync(s => s.RoundId == round.Id && s.MemberId == cmd.ToMemberId, ct))
        {
            return Result.Invalid("memberId", "That member is already on this round.");
        }

        signup.SwapOfferedTo = cmd.ToMemberId;
        audit.Add("watch.round.swap-offered", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>The member a place was offered to takes it over.</summary>
public sealed record AcceptRoundSwap(Guid RoundId) : ICommand<Result>;

internal sealed class AcceptRoundSwapHandler(PpsDb db, WatchAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<AcceptRoundSwap, Result>
{
    public async ValueTask<Result> Handle(AcceptRoundSwap cmd, CancellationToken ct)
    {
        var round = await access.VisibleRoundAsync(cmd.RoundId, ct);
        var signup = round is null || !access.IsEstateMember(round.EstateId) ? null
            : await db.PatrolSignups.FirstOrDefaultAsync(s => s.RoundId == round.Id && s.SwapOfferedTo == access.MemberId, ct);
        if (round is null || signup is null)
        {
            return Result.NotFound("No place was offered to you on this round.");
        }

        if (RoundChanges.Refusal(round, clock.GetUtcNow()) is { } refusal)
        {
            return Result.Invalid("roundId", refusal);
        }

        if (await db.PatrolSignups.AnyAsync(s => s.RoundId == round.Id && s.MemberId == access.MemberId, ct))
        {
            return Result.Conflict("You are already on this round.");
        }

        signup.MemberId = access.MemberId;
        signup.SwapOfferedTo = null;
        signup.SignedUpAt = clock.GetUtcNow();
        audit.Add("watch.round.swap-accepted", $"round:{round.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
