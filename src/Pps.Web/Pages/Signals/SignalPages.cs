using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Signals;

/// <summary>What the signal pages share: sending a use case and turning its failures into field errors on the page.</summary>
public abstract class SignalPageModel : PageModel
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends a use case; on a validation failure or a refused result the errors are kept and false is returned.</summary>
    protected async Task<(bool Ok, T? Value)> TrySendAsync<T>(IMediator mediator, ICommand<T> command, CancellationToken ct) where T : Result
    {
        try
        {
            var result = await mediator.Send(command, ct);
            if (result.IsSuccess)
            {
                return (true, result);
            }

            foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]> { [""] = [result.Detail ?? result.Status.ToString()] })
            {
                Errors[field] = messages;
            }

            return (false, result);
        }
        catch (ValidationException ex)
        {
            foreach (var group in ex.Errors.GroupBy(e => e.PropertyName))
            {
                Errors[group.Key] = group.Select(e => e.ErrorMessage).ToArray();
            }

            return (false, default);
        }
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, AmsterdamTime).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    private static readonly TimeZoneInfo AmsterdamTime = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>The report form for one desk (signals or improper influence); the anonymous form lives in <c>/Melden</c>.</summary>
[RequestSizeLimit(SignalForm.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SignalForm.MaxRequestBytes)]
public abstract class SignalReportModel(IMediator mediator, PpsDb db) : SignalPageModel
{
    public abstract SignalRoute Route { get; }

    public IReadOnlyList<SignalCategory> Categories => SignalCategories.For(Route);

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public IReadOnlyList<EstateMap> Maps { get; private set; } = [];

    public IReadOnlyList<UnitOption> Units { get; private set; } = [];

    public SignalReported? Reported { get; private set; }

    /// <summary>The shared fields of the form: categories, the estates with their maps, and the premises to choose from.</summary>
    public SignalReportFieldsView Fields => new(Categories, Estates.Select(e => new EstateOption(e.Id, e.Name, null)).ToList(), Maps, Units);

    protected virtual bool MayReport() => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayReport())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayReport())
        {
            return Forbid();
        }

        var (command, errors) = await SignalForm.ReadAsync(Request.Form, Route, null, ct);
        foreach (var (k, v) in errors)
        {
            Errors[k] = v;
        }

        if (command is not null)
        {
            var (ok, result) = await TrySendAsync(mediator, command, ct);
            if (ok && result is Result<SignalReported> { Value: { } reported })
            {
                if (reported.FollowUpCode is null)
                {
                    return Redirect("/Signals/Mine");
                }

                Response.Headers.CacheControl = "no-store";
                Reported = reported;
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var estates = await db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.OutlineGeoJson }).ToListAsync(ct);
        Estates = estates.Select(e => (e.Id, e.Name)).ToList();
        var units = await db.Units.OrderBy(u => u.Street).ThenBy(u => u.HouseNumber)
            .Select(u => new { u.Id, u.EstateId, u.Street, u.HouseNumber, u.Longitude, u.Latitude })
            .Take(SignalReportFieldsView.MaxUnits).ToListAsync(ct);
        Units = units.Select(u => new UnitOption(u.Id, u.EstateId, $"{u.Street} {u.HouseNumber}")).ToList();
        var byEstate = units.ToLookup(u => u.EstateId);
        Maps = estates
            .Select(e => EstateMap.Draw(e.Id, e.Name, null, e.OutlineGeoJson, byEstate[e.Id].Select(u => (u.Id, u.Longitude, u.Latitude, $"{u.Street} {u.HouseNumber}"))))
            .OfType<EstateMap>().ToList();
    }
}

/// <summary>A desk's case list with filters.</summary>
public abstract class SignalListModel(IMediator mediator, PpsDb db) : SignalPageModel
{
    public abstract SignalRoute Route { get; }

    [BindProperty(SupportsGet = true)]
    public SignalStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? EstateId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<SignalSummary> Cases { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public IReadOnlyList<SignalCategory> Categories => SignalCategories.For(Route);

    public abstract string CasePath { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Estates = (await db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(e => (e.Id, e.Name)).ToList();
        var from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var to = To is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        try
        {
            var result = await mediator.Send(new GetSignals(Route, Status, string.IsNullOrEmpty(Category) ? null : Category, EstateId, from, to), ct);
            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            Cases = result.Value ?? [];
        }
        catch (ValidationException ex)
        {
            foreach (var group in ex.Errors.GroupBy(e => e.PropertyName))
            {
                Errors[group.Key] = group.Select(e => e.ErrorMessage).ToArray();
            }
        }

        return Page();
    }
}

/// <summary>One case with everything a handler does on it. Each action posts back, then redirects to the case (PRG).</summary>
public abstract class SignalCaseModel(IMediator mediator, PpsDb db) : SignalPageModel
{
    public abstract SignalRoute Route { get; }

    public abstract string BasePath { get; }

    public string ApiPath => Route == SignalRoute.Integrity ? "/api/integrity" : "/api/signals";

    public SignalDetail Case { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Name)> Handlers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStatusAsync(Guid id, SignalStatus status, ForwardedTo? forwardedTo, string? result, string? messageToReporter, CancellationToken ct)
        => ActAsync(id, new ChangeSignalStatus(Route, id, status, forwardedTo, result, messageToReporter), ct);

    public Task<IActionResult> OnPostUpdateAsync(Guid id, SignalPriority? priority, Guid? assignedToId, CancellationToken ct)
        => ActAsync(id, new UpdateSignal(Route, id, priority, assignedToId), ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? text, CancellationToken ct)
        => ActAsync(id, new AddSignalNote(Route, id, text ?? ""), ct);

    public Task<IActionResult> OnPostQuestionAsync(Guid id, string? question, CancellationToken ct)
        => ActAsync(id, new AskReporter(Route, id, question ?? ""), ct);

    public async Task<IActionResult> OnPostLinkAsync(Guid id, string? reference, CancellationToken ct)
    {
        var wanted = (reference ?? "").Trim().ToUpperInvariant();
        var other = await db.Signals.Where(s => s.Reference == wanted && s.Route == Route).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        return await ActAsync(id, new LinkSignals(Route, id, other ?? Guid.Empty), ct);
    }

    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? reason, CancellationToken ct)
    {
        var (ok, result) = await TrySendAsync(mediator, new RequestReveal(Route, id, reason ?? ""), ct);
        return await AfterAsync(id, ok, result, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid requestId, CancellationToken ct)
        => ActAsync(id, new ApproveReveal(Route, id, requestId), ct);

    private async Task<IActionResult> ActAsync(Guid id, ICommand<Result> command, CancellationToken ct)
    {
        var (ok, result) = await TrySendAsync(mediator, command, ct);
        return await AfterAsync(id, ok, result, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, bool ok, Result? result, CancellationToken ct)
    {
        if (result?.Status == ResultStatus.NotFound)
        {
            return NotFound();
        }

        if (ok)
        {
            return Redirect($"{BasePath}/Case/{id}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> ShowAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new GetSignal(Route, id), ct);
        if (result.Value is null)
        {
            return false;
        }

        Case = result.Value;
        var role = Route == SignalRoute.Integrity ? Infrastructure.Auth.Roles.IntegrityOfficer : Infrastructure.Auth.Roles.Signals;
        var ids = await db.RoleAssignments.Where(r => r.Role == role && r.EstateId == null).Select(r => r.MemberId).ToListAsync(ct);
        Handlers = (await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToList();
        return true;
    }
}

/// <summary>
/// The shared report fields: categories of the desk, the estates to choose from (grouped by municipality on the
/// anonymous form), their maps for picking a spot, and the premises (members only: the anonymous form offers none).
/// </summary>
public sealed record SignalReportFieldsView(
    IReadOnlyList<SignalCategory> Categories,
    IReadOnlyList<EstateOption> Estates,
    IReadOnlyList<EstateMap> Maps,
    IReadOnlyList<UnitOption> Units)
{
    /// <summary>A municipality has a few hundred premises; beyond this the list is cut rather than the page made unusable.</summary>
    public const int MaxUnits = 3000;
}

public sealed record EstateOption(Guid Id, string Name, string? Group, string? TenantSlug = null);
