using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Watch.Incidents;

[Authorize(Policy = Policies.Member)]
[RequestSizeLimit(IncidentPhotoFiles.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IncidentPhotoFiles.MaxRequestBytes)]
public sealed class DetailsModel(IMediator mediator, ICurrentMember me, PpsDb db) : PageModel
{
    public IncidentView Incident { get; private set; } = null!;

    public bool MayCurate { get; private set; }

    public bool IsStaff => me.IsStaff;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPhotosAsync(Guid id, CancellationToken ct)
    {
        var (photos, error) = await IncidentPhotoFiles.ReadAsync(Request.Form.Files, ct);
        if (error is not null)
        {
            ModelState.AddModelError("photos", error);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return await Act(id, await WatchPage.Run(() => mediator.Send(new AddIncidentPhotos(id) { Photos = photos }, ct)), ct);
    }

    public async Task<IActionResult> OnPostPromotePostAsync(Guid id, CancellationToken ct)
        => await Act(id, await WatchPage.Run(() => mediator.Send(new PromoteIncidentToPost(id), ct)), ct);

    public async Task<IActionResult> OnPostPromoteSignalAsync(Guid id, CancellationToken ct)
        => await Act(id, await WatchPage.Run(() => mediator.Send(new PromoteIncidentToSignal(id), ct)), ct);

    private async Task<IActionResult> Act(Guid id, Result result, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            return RedirectToPage(new { id });
        }

        if (result.Status == ResultStatus.NotFound)
        {
            return NotFound();
        }

        ModelState.AddErrors(result);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await mediator.Send(new GetIncident(id), ct);
        if (r.Value is null)
        {
            return false;
        }

        Incident = r.Value;
        var incident = await db.Incidents.FindAsync([id], ct);
        MayCurate = incident is not null && HttpContext.RequestServices.GetRequiredService<WatchAccess>().MayCurate(incident);
        return true;
    }
}
