using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Dashboard;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Dashboard;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IEnumerable<IDashboardCard> cards, ICurrentMember me, PpsDb db, ILogger<IndexModel> log) : PageModel
{
    public string Name { get; private set; } = "";

    public Persona Persona { get; private set; }

    public string? TenantName { get; private set; }

    /// <summary>Estates where the member holds a role, by name (for "board of Lansinghage").</summary>
    public IReadOnlyList<string> EstateNames { get; private set; } = [];

    /// <summary>For the platform administrator: the municipalities on the hub.</summary>
    public IReadOnlyList<string> TenantNames { get; private set; } = [];

    public bool AwaitingVetting { get; private set; }

    public IReadOnlyList<NavLink> Shortcuts { get; private set; } = [];

    public IReadOnlyList<DashboardCardModel> Cards { get; private set; } = [];

    /// <summary>Cards that failed to build; the rest of the dashboard is still shown.</summary>
    public int FailedCards { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = User.FindFirst(PpsClaims.DisplayName)?.Value ?? "";
        Persona = ShellNavigation.PersonaOf(me);
        Shortcuts = ShellNavigation.Shortcuts(Persona, me);
        AwaitingVetting = (Persona is Persona.Entrepreneur or Persona.Board or Persona.Member) && me.Vetting != VettingLevel.Vetted;

        if (me.TenantId is { } tenantId)
        {
            TenantName = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleOrDefaultAsync(ct);
            var estates = me.Estates.ToList();
            if (estates.Count > 0)
            {
                EstateNames = await db.Estates.Where(e => estates.Contains(e.Id)).OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(ct);
            }
        }
        else if (Persona == Persona.PlatformAdmin)
        {
            TenantNames = await db.Tenants.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);
        }

        var built = new List<DashboardCardModel>();
        foreach (var card in cards.OrderBy(c => c.Order))
        {
            try
            {
                if (await card.BuildAsync(ct) is { } model)
                {
                    built.Add(model);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One capability's failure must not take the whole dashboard (and its alerts) down with it.
                log.LogError(ex, "Dashboard card {Card} failed", card.GetType().FullName);
                FailedCards++;
            }
        }

        Cards = built;
    }
}
