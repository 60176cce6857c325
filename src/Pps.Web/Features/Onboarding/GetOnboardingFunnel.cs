using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Onboarding;

/// <summary>The onboarding funnel of one estate: how many passed each step, and who is stuck where since when. For the estate's board and EZ.</summary>
public sealed record GetOnboardingFunnel(Guid EstateId) : IQuery<Result<OnboardingFunnel>>;

public sealed record OnboardingFunnel(Guid EstateId, string EstateName, int Entrepreneurs, int Complete, IReadOnlyList<FunnelStep> Steps, IReadOnlyList<StuckMember> Stuck, bool CanRecordMeeting);

public sealed record FunnelStep(OnboardingStep Step, bool Required, int Done);

public sealed record StuckMember(Guid MemberId, string Name, OnboardingStep Step, DateTimeOffset Since, bool MetAssociation);

internal sealed class GetOnboardingFunnelHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetOnboardingFunnel, Result<OnboardingFunnel>>
{
    public async ValueTask<Result<OnboardingFunnel>> Handle(GetOnboardingFunnel query, CancellationToken ct)
    {
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == query.EstateId, ct);
        if (estate is null || !EstateOversight.MayOversee(me, estate.Id))
        {
            return Result<OnboardingFunnel>.NotFound();
        }

        var ids = await OnboardingChecklist.EntrepreneursOfAsync(db, estate.Id, ct);
        var lists = (await OnboardingChecklist.ForAsync(db, ids, ct)).Values.ToList();
        var steps = Enum.GetValues<OnboardingStep>()
            .Select(s => new FunnelStep(s, lists.FirstOrDefault()?.Steps.Single(x => x.Step == s).Required ?? s != OnboardingStep.TwoFactor, lists.Count(l => l.Steps.Single(x => x.Step == s).Done)))
            .ToList();
        var stuck = lists.Where(l => !l.Complete)
            .OrderBy(l => l.StuckSince)
            .Select(l => new StuckMember(l.MemberId, l.Name, l.StuckAt!.Value, l.StuckSince, l.Steps.Single(s => s.Step == OnboardingStep.MeetAssociation).Done))
            .ToList();
        return Result<OnboardingFunnel>.Ok(new OnboardingFunnel(estate.Id, estate.Name, lists.Count, lists.Count(l => l.Complete), steps, stuck, me.HasEstateRole(Roles.Board, estate.Id)));
    }
}
