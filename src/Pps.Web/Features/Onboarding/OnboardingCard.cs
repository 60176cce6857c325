using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Onboarding;

/// <summary>
/// Dashboard: the new entrepreneur's checklist while it is not complete. It only reads the checklist: the card does
/// not show the contacts, so it must not record them as seen (only <c>GetMyOnboarding</c>, which shows them, does),
/// and a dashboard view stays a read without the contacts query or a write.
/// </summary>
internal sealed class OnboardingCard(PpsDb db, ICurrentMember me, IStringLocalizer<OnboardingText> text) : IDashboardCard
{
    public int Order => 20;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null || !me.Estates.Any(e => me.HasEstateRole(Roles.Entrepreneur, e)))
        {
            return null;
        }

        if ((await OnboardingChecklist.ForAsync(db, [me.Id], ct)).GetValueOrDefault(me.Id) is not { } checklist || checklist.Complete)
        {
            return null;
        }

        var steps = checklist.Steps;
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
