using Mediator;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Onboarding;

/// <summary>Dashboard: the new entrepreneur's checklist while it is not complete.</summary>
internal sealed class OnboardingCard(IMediator mediator, ICurrentMember me, IStringLocalizer<OnboardingText> text) : IDashboardCard
{
    public int Order => 20;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null || !me.Estates.Any(e => me.HasEstateRole(Roles.Entrepreneur, e)))
        {
            return null;
        }

        var result = await mediator.Send(new GetMyOnboarding(), ct);
        if (result.Value is not { } mine || mine.Checklist.Complete)
        {
            return null;
        }

        var steps = mine.Checklist.Steps;
        return new DashboardCardModel(
            "onboarding",
            text["ChecklistTitle"],
            text["ChecklistProgress", steps.Count(s => s.Done), steps.Count],
            steps.Select(s => new DashboardItem(
                text["Step_" + s.Step],
                "/Onboarding",
                s.Done ? text["Done"] : s.Required ? text["ToDo"] : text["Recommended"],
                s.Done ? "success" : s.Required ? "warning" : "info")).ToList(),
            "/Onboarding",
            text["OpenChecklist"],
            steps.Count(s => s.Required && !s.Done));
    }
}
