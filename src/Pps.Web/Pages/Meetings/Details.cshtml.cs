using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Meetings;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Web.Pages.Meetings;

[Authorize(Policy = Policies.Member)]
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public MeetingDetail Meeting { get; private set; } = null!;

    public IReadOnlyList<AttendeeDto> Attendees { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRsvpAsync(RsvpResponse response, string? comment, CancellationToken ct)
        => RunAsync(new RespondToMeeting(Id, response, comment), "rsvp", ct);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => RunAsync(new CancelMeeting(Id), "cancelled", ct);

    public Task<IActionResult> OnPostMinutesAsync(string? minutes, string? decisions, CancellationToken ct)
        => RunAsync(new RecordMinutes(Id, minutes, decisions), "minutes", ct);

    public Task<IActionResult> OnPostActionAsync(string title, DateOnly? dueDate, CancellationToken ct)
        => RunAsync(new AddActionItem(Id, title ?? "", null, null, dueDate), "action", ct);

    public Task<IActionResult> OnPostStatusAsync(Guid actionId, ActionStatus status, CancellationToken ct)
        => RunAsync(new SetActionStatus(actionId, status), "status", ct);

    public Task<IActionResult> OnPostFindingActionAsync(Guid findingId, CancellationToken ct)
        => RunAsync(new MakeActionFromFinding(findingId), "action", ct);

    public async Task<IActionResult> OnPostFindingAsync(string description, string? longitude, string? latitude, IFormFile? photo, CancellationToken ct)
    {
        // Coordinates are read culture-independently: a Dutch browser may type a comma.
        if (!TryCoordinate(longitude, out var lon) || !TryCoordinate(latitude, out var lat))
        {
            ModelState.AddModelError(TryCoordinate(longitude, out _) ? "latitude" : "longitude", "Enter a number such as 52.0601.");
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        byte[]? bytes = null;
        if (photo is { Length: > 0 })
        {
            await using var stream = photo.OpenReadStream();
            bytes = await UploadInspector.ReadLimitedAsync(stream, RecordFindingValidator.MaxPhotoBytes, ct);
            if (bytes is null)
            {
                ModelState.AddModelError("photo", "A photo is at most 10 MB.");
                return await LoadAsync(ct) ? Page() : NotFound();
            }
        }

        return await RunAsync(new RecordFinding(Id, description ?? "", lon, lat, null, bytes), "finding", ct);
    }

    private async Task<IActionResult> RunAsync<T>(ICommand<T> command, string done, CancellationToken ct) where T : Pps.Web.Infrastructure.Web.Result
    {
        ModelState.Clear();
        var result = await MeetingPageHelpers.SendAsync(mediator, command, ModelState, ct);
        if (result?.Status == Pps.Web.Infrastructure.Web.ResultStatus.NotFound)
        {
            return NotFound();
        }

        if (result is { IsSuccess: true })
        {
            return Redirect($"/Meetings/{Id}?done={done}");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private static bool TryCoordinate(string? value, out double result)
        => double.TryParse((value ?? "").Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out result);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new GetMeeting(Id), ct);
        if (result.Value is null)
        {
            return false;
        }

        Meeting = result.Value;
        if (Meeting.IsOrganiser)
        {
            Attendees = (await mediator.Send(new GetAttendees(Id), ct)).Value ?? [];
        }

        return true;
    }
}
