using System.Globalization;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.TwoFactorPolicy;

/// <summary>Dashboard: during the grace period the member is reminded to enrol (after it, every page sends them to enrol).</summary>
internal sealed class TwoFactorReminderCard(ICurrentMember me, TwoFactorEnrolment enrolment, TimeProvider clock, IStringLocalizer<TwoFactorPolicyText> text) : IDashboardCard
{
    public int Order => 5;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        var demand = await enrolment.DemandAsync(me.Principal, ct);
        if (!demand.RemindsAt(clock.GetUtcNow()))
        {
            return null;
        }

        return new DashboardCardModel(
            "two-factor",
            text["ReminderTitle"],
            text["ReminderText", LocalDate(demand.EnrolBy!.Value)],
            [new DashboardItem(text["EnableNow"], TwoFactorEnrolment.EnrolPath, Tone: "warning")]);
    }

    public static string LocalDate(DateTimeOffset at)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
    }
}
