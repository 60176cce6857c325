using System.Globalization;
using Mediator;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Meetings;

/// <summary>Dashboard: my upcoming meetings.</summary>
internal sealed class MeetingsCard(IMediator mediator, ICurrentMember me, IStringLocalizer<MeetingsText> text) : IDashboardCard
{
    public int Order => 40;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null)
        {
            return null;
        }

        var upcoming = (await mediator.Send(new GetMyMeetings(Take: 5), ct)).Where(m => !m.Cancelled).ToList();
        var items = upcoming.Select(m => new DashboardItem(
                m.Title,
                $"/Meetings/{m.Id}",
                m.StartLocal.ToString("f", CultureInfo.CurrentCulture),
                m.MyResponse == RsvpResponse.None ? "info" : null))
            .ToList();
        return new DashboardCardModel("meetings", text["MyUpcomingMeetings"], null, items, "/Meetings", text["AllMeetings"], EmptyText: text["NoUpcomingMeetings"]);
    }
}
