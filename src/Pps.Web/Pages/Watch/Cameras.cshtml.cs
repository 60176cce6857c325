using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch;

/// <summary>Staff and police read the register; a business sees and manages only its own cameras.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class CamerasModel(IMediator mediator, ICurrentMember me, PpsDb db) : PageModel
{
    public IReadOnlyList<CameraView> Register { get; private set; } = [];

    public IReadOnlyList<CameraView> Mine { get; private set; } = [];

    /// <summary>The units the member's business occupies: a camera is registered at one of them.</summary>
    public IReadOnlyList<(Guid Id, string Address)> Units { get; private set; } = [];

    public bool MayReadRegister => me.IsStaff || me.IsInRole(Roles.Police);

    [BindProperty]
    public Guid UnitId { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public int DirectionDegrees { get; set; }

    [BindProperty]
    public string? Covers { get; set; }

    [BindProperty]
    public int RetentionDays { get; set; } = 28;

    [BindProperty]
    public string? Contact { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
        => await Act(await WatchPage.Run(() => mediator.Send(new RegisterCamera(null, UnitId, WatchPage.Coordinate(Longitude) ?? double.NaN, WatchPage.Coordinate(Latitude) ?? double.NaN, DirectionDegrees, Covers ?? "", RetentionDays, Contact ?? ""), ct)), ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => await Act(await WatchPage.Run(() => mediator.Send(new WithdrawCamera(id), ct)), ct);

    private async Task<IActionResult> Act(Result result, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return RedirectToPage();
        }

        ModelState.AddErrors(result);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Mine = (await mediator.Send(new GetCameras(null, Mine: true), ct)).Value ?? [];
        var organisationId = await db.Members.Where(m => m.Id == me.Id).Select(m => m.OrganisationId).SingleOrDefaultAsync(ct);
        Units = organisationId is null ? []
            : (await db.Units.Where(u => u.OccupantOrganisationId == organisationId).OrderBy(u => u.Street).ThenBy(u => u.HouseNumber)
                    .Select(u => new { u.Id, Address = u.Street + " " + u.HouseNumber }).Take(200).ToListAsync(ct))
                .Select(u => (u.Id, u.Address)).ToList();
        if (MayReadRegister)
        {
            Register = (await mediator.Send(new GetCameras(null, Mine: false), ct)).Value ?? [];
        }
    }
}
