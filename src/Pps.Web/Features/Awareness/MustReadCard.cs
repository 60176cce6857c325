using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

/// <summary>Dashboard: must-reads not yet confirmed for their current version.</summary>
internal sealed class MustReadCard(PpsDb db, ICurrentMember me, IStringLocalizer<AwarenessText> text) : IDashboardCard
{
    public int Order => 21;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        if (me.TenantId is null)
        {
            return null;
        }

        var items = (await MustReads.ForAsync(db, [LibraryAccess.Of(me)], ct))[me.Id];
        var open = items.Where(i => !i.Done).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        return new DashboardCardModel(
            "must-read",
            text["MustReads"],
            null,
            open.Select(i => new DashboardItem(i.Title, $"/Library/Document/{i.DocumentId}", text["VersionN", i.CurrentVersion], "warning")).ToList(),
            "/Library/MustRead",
            text["AllMustReads"],
            open.Count,
            text["AllMustReadsConfirmed"]);
    }
}
