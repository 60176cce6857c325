using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Watch.Incidents;

[Authorize(Policy = Policies.Member)]
[RequestSizeLimit(IncidentPhotoFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IncidentPhotoFiles.MaxRequestBytes)]
public sealed class NewModel(IMediator mediator, PpsDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid EstateId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? RoundId { get; set; }

    [BindProperty]
    public IncidentKind Kind { get; set; } = IncidentKind.Other;

    [BindProperty]
    public DateTime? OccurredLocal { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? PoliceReportNumber { get; set; }

    [BindProperty]
    public bool ConfirmOutside { get; set; }

    public bool AskConfirmOutside { get; private set; }

    public string EstateName { get; private set; } = "";

    /// <summary>The estate drawn for picking a point by clicking (an enhancement: the coordinate fields work without it).</summary>
    public WatchMap? Map { get; private set; }

    public IReadOnlyList<(Guid Id, string Address)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        OccurredLocal ??= WatchTimes.ToLocal(clock.GetUtcNow()).DateTime;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        double? lon = null, lat = null;
        if (UnitId is null)
        {
            lon = WatchPage.Coordinate(Longitude);
            lat = WatchPage.Coordinate(Latitude);
        }

        var (photos, photoError) = await IncidentPhotoFiles.ReadAsync(Request.Form.Files, ct);
        if (photoError is not null)
        {
            ModelState.AddModelError("photos", photoError);
            return Page();
        }

        var local = OccurredLocal ?? WatchTimes.ToLocal(clock.GetUtcNow()).DateTime;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var occurred = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        var result = await WatchPage.Run(() => mediator.Send(
            new LogIncident(EstateId, Kind, occurred, Description ?? "", UnitId, lon, lat, PoliceReportNumber, ConfirmOutside, RoundId) { Photos = photos }, ct));
        if (result.IsSuccess)
        {
            return Redirect($"/Watch/Map/{EstateId}");
        }

        if (result.Status == Infrastructure.Web.ResultStatus.NotFound)
        {
            return NotFound();
        }

        AskConfirmOutside = result.Errors?.ContainsKey("confirmOutside") == true;
        ModelState.AddErrors(result);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // The handler decides who may log; the page only needs the estate's name and units for the form.
        var estate = await db.Estates.Where(e => e.Id == EstateId).Select(e => new { e.Name }).SingleOrDefaultAsync(ct);
        var access = HttpContext.RequestServices.GetRequiredService<WatchAccess>();
        if (estate is null || !access.CanSeeIncidents(EstateId))
        {
            return false;
        }

        EstateName = estate.Name;
        Units = (await db.Units.Where(u => u.EstateId == EstateId).OrderBy(u => u.Street).ThenBy(u => u.HouseNumber)
                .Select(u => new { u.Id, Address = u.Street + " " + u.HouseNumber }).Take(2000).ToListAsync(ct))
            .Select(u => (u.Id, u.Address)).ToList();
        Map = (await mediator.Send(new GetWatchMap(EstateId, null, null, null, IncludeIncidents: false), ct)).Value;
        return true;
    }
}
