using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Shares an incident as a safety post on the estate's noticeboard (the reporter, the estate's board or staff). The post
/// is made by the noticeboards' own use case, so it is moderated, broadcast and audited like any post; the incident
/// remembers the post and the post's text links back to the incident.
/// </summary>
public sealed record PromoteIncidentToPost(Guid IncidentId) : ICommand<Result<Guid>>;

internal sealed class PromoteIncidentToPostHandler(
    PpsDb db, WatchAccess access, IMediator mediator, IAuditLog audit, IStringLocalizer<WatchText> text, IOptions<PpsOptions> pps)
    : ICommandHandler<PromoteIncidentToPost, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(PromoteIncidentToPost cmd, CancellationToken ct)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == cmd.IncidentId, ct);
        if (incident is null || !access.CanSeeIncidents(incident.EstateId))
        {
            return Result<Guid>.NotFound("No such incident.");
        }

        if (!access.MayCurate(incident))
        {
            return Result<Guid>.Forbidden("Only the reporter, the estate's board and staff share an incident on the noticeboard.");
        }

        if (incident.PromotedPostId is not null)
        {
            return Result<Guid>.Conflict("The incident is already on the noticeboard.");
        }

        // GetBoards makes the estate's boards if they do not exist yet and answers only boards the caller may read.
        var boards = await mediator.Send(new GetBoards(), ct);
        var board = boards.FirstOrDefault(b => b.Kind == BoardKind.Estate && b.EstateId == incident.EstateId);
        if (board is null)
        {
            return Result<Guid>.Forbidden("You cannot post on this estate's noticeboard.");
        }

        var kind = text["Kind_" + incident.Kind].Value;
        var url = $"{pps.Value.PublicBaseUrl.TrimEnd('/')}/Watch/Incidents/{incident.Id}";
        var body = $"{incident.Description}\n\n{text["PostLinkBack", url]}";
        var spot = incident.UnitId is null ? WatchCoordinates.Format(incident.Longitude, incident.Latitude) : null;
        var post = await mediator.Send(
            new CreatePost(
                board.Id,
                text["PostTitle", kind, WatchTimes.ToLocal(incident.OccurredAt).ToString("g")].Value,
                body,
                TagOf(incident.Kind),
                new SafetyInput(incident.UnitId, spot, incident.OccurredAt, null, incident.PoliceReportNumber is not null, incident.PoliceReportNumber, null)),
            ct);
        if (post.Value is not { } created)
        {
            return post.Status == ResultStatus.Invalid ? Result<Guid>.Invalid(post.Errors ?? new Dictionary<string, string[]>()) : Result<Guid>.Forbidden(post.Detail);
        }

        // CreatePost has committed; a second save links the incident. Should that fail, the post still stands and
        // the board can link by hand — better than a post that silently vanishes.
        incident.PromotedPostId = created.Id;
        audit.Add("watch.incident.promoted-to-post", $"incident:{incident.Id}", detail: $"post:{created.Id}");
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Created(created.Id);
    }

    private static SafetyTag TagOf(IncidentKind kind) => kind switch
    {
        IncidentKind.Burglary => SafetyTag.Burglary,
        IncidentKind.Dumping => SafetyTag.Dumping,
        _ => SafetyTag.Other,
    };
}

/// <summary>
/// Staff turn an incident into a confidential signal for the OOV case list (the staff member is the reporter, so the
/// incident's reporter stays out of the case). The signal is filed by the signals' own use case, with the incident's
/// photos; the signal's description links back to the incident and the incident remembers the signal.
/// </summary>
public sealed record PromoteIncidentToSignal(Guid IncidentId, string? Category = null) : ICommand<Result<SignalReported>>;

internal sealed class PromoteIncidentToSignalValidator : AbstractValidator<PromoteIncidentToSignal>
{
    public PromoteIncidentToSignalValidator()
    {
        RuleFor(c => c.Category).Must(c => c is null || SignalCategories.Find(SignalRoute.Signal, c) is not null).WithMessage("Choose a category from the list.");
    }
}

internal sealed class PromoteIncidentToSignalHandler(
    PpsDb db, WatchAccess access, IMediator mediator, IBlobStore blobs, IAuditLog audit, IStringLocalizer<WatchText> text, IOptions<PpsOptions> pps)
    : ICommandHandler<PromoteIncidentToSignal, Result<SignalReported>>
{
    public async ValueTask<Result<SignalReported>> Handle(PromoteIncidentToSignal cmd, CancellationToken ct)
    {
        var incident = await db.Incidents.Include(i => i.Photos).SingleOrDefaultAsync(i => i.Id == cmd.IncidentId, ct);
        if (incident is null || !access.CanSeeIncidents(incident.EstateId))
        {
            return Result<SignalReported>.NotFound("No such incident.");
        }

        if (!access.IsStaff)
        {
            return Result<SignalReported>.Forbidden("Only municipal staff turn an incident into a confidential signal.");
        }

        if (incident.PromotedSignalId is not null)
        {
            return Result<SignalReported>.Conflict("The incident is already a signal.");
        }

        var photos = new List<byte[]>();
        foreach (var photo in incident.Photos.OrderBy(p => p.AddedAt))
        {
            await using var blob = await blobs.OpenAsync(photo.BlobKey, ct);
            if (blob is not null && await UploadInspector.ReadLimitedAsync(blob.Content, IncidentPhoto.MaxBytes, ct) is { } bytes)
            {
                photos.Add(bytes);
            }
        }

        var url = $"{pps.Value.PublicBaseUrl.TrimEnd('/')}/Watch/Incidents/{incident.Id}";
        var description = $"{incident.Description}\n\n{text["SignalLinkBack", text["Kind_" + incident.Kind].Value, url]}";
        if (incident.PoliceReportNumber is { } number)
        {
            description += $"\n{text["PoliceReportNumber"].Value}: {number}";
        }

        // A point the reporter confirmed outside the outline is not "on the estate" for the signals: keep the estate
        // and write the point into the text instead.
        var (location, unitId, lon, lat) = incident.UnitId is { } unit ? (LocationKind.Unit, (Guid?)unit, (double?)null, (double?)null)
            : incident.OutsideOutline ? (LocationKind.None, null, null, null)
            : (LocationKind.Point, null, incident.Longitude, incident.Latitude);
        if (incident.OutsideOutline)
        {
            description += $"\n{WatchCoordinates.Format(incident.Longitude, incident.Latitude)}";
        }

        var category = cmd.Category ?? (incident.Kind == IncidentKind.Dumping ? "activity.waste-dumping" : "other.other");
        var signal = await mediator.Send(
            new ReportSignal(SignalRoute.Signal, ReportMode.Confidential, category, location, incident.EstateId, unitId, lon, lat, null, incident.OccurredAt,
                description[..Math.Min(description.Length, SignalsOptions.MaxDescription)]) { Photos = photos },
            ct);
        if (signal.Value is not { } reported)
        {
            return signal.Status == ResultStatus.Invalid ? Result<SignalReported>.Invalid(signal.Errors ?? new Dictionary<string, string[]>()) : Result<SignalReported>.Forbidden(signal.Detail);
        }

        incident.PromotedSignalId = reported.Id;
        incident.PromotedSignalReference = reported.Reference;
        audit.Add("watch.incident.promoted-to-signal", $"incident:{incident.Id}", detail: $"signal:{reported.Id}");
        await db.SaveChangesAsync(ct);
        return Result<SignalReported>.Created(reported);
    }
}

internal static class WatchCoordinates
{
    public static string Format(double lon, double lat)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{lat:0.00000}, {lon:0.00000}");
}
