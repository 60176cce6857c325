using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Pages.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IEnumerable<IDashboardCard> cards) : PageModel
{
    public string Name { get; private set; } = "";

    public IReadOnlyList<DashboardCardModel> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = User.FindFirst(PpsClaims.DisplayName)?.Value ?? "";
        var built = new List<DashboardCardModel>();
        foreach (var card in cards.OrderBy(c => c.Order))
        {
            if (await card.BuildAsync(ct) is { } model)
            {
                built.Add(model);
            }
        }

        Cards = built;
    }
}
