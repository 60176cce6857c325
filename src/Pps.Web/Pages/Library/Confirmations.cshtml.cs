using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Library;

[Authorize(Policy = AwarenessModule.OversightPolicy)]
public sealed class ConfirmationsModel(IMediator mediator, PpsDb db, ICurrentMember me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? EstateId { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public EstateConfirmations? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Estates = await OverseenEstates.ForAsync(db, me, ct);
        EstateId ??= Estates.Count > 0 ? Estates[0].Id : null;
        if (EstateId is { } id)
        {
            Result = (await mediator.Send(new GetConfirmations(id), ct)).Value;
            if (Result is null)
            {
                return NotFound();
            }
        }

        return Page();
    }
}

/// <summary>The estates the caller oversees: all of the tenant for EZ, the own estates for a board member.</summary>
public static class OverseenEstates
{
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> ForAsync(PpsDb db, ICurrentMember me, CancellationToken ct)
    {
        var estates = await db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        return estates.Where(e => EstateOversight.MayOversee(me, e.Id)).Select(e => (e.Id, e.Name)).ToList();
    }
}
