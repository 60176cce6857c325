using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Logs an incident on an estate, located at one of its units or at a point. A point outside the estate outline is
/// refused unless the reporter confirms it (it may be an access road just off the estate): warn, then allow.
/// </summary>
public sealed record LogIncident(
    Guid EstateId,
    IncidentKind Kind,
    DateTimeOffset OccurredAt,
    string Description,
    Guid? UnitId = null,
    double? Longitude = null,
    double? Latitude = null,
    string? PoliceReportNumber = null,
    bool ConfirmOutside = false,
    Guid? RoundId = null) : ICommand<Result<IncidentView>>
{
    /// <summary>Raw uploads already read within the size limit; sniffed and re-encoded by the handler. Not part of the JSON body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<byte[]> Photos { get; init; } = [];
}

internal sealed class LogIncidentValidator : AbstractValidator<LogIncident>
{
    public LogIncidentValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Description).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.PoliceReportNumber).MaximumLength(60);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
        RuleFor(c => c.UnitId).NotNull()
            .When(c => c.Longitude is null || c.Latitude is null)
            .WithMessage("Give a unit of the estate, or a point (longitude and latitude).");
        RuleFor(c => c.UnitId).Null()
            .When(c => c.Longitude is not null || c.Latitude is not null)
            .WithMessage("Give either a unit or a point, not both.");
        RuleFor(c => c.Photos).WithinPhotoLimits();
    }
}

internal sealed class LogIncidentHandler(PpsDb db, WatchAccess access, IAuditLog audit, IBlobStore blobs, TimeProvider clock, ILogger<LogIncidentHandler> log) : ICommandHandler<LogIncident, Result<IncidentView>>
{
    public async ValueTask<Result<IncidentView>> Handle(LogIncident cmd, CancellationToken ct)
    {
        var estate = await access.EstateAsync(cmd.EstateId, ct);
        if (estate is null || !access.CanSeeIncidents(estate.Id))
        {
            return Result<IncidentView>.NotFound("No such estate.");
        }

        var now = clock.GetUtcNow();
        if (cmd.OccurredAt > now.AddMinutes(5))
        {
            return Result<IncidentView>.Invalid("occurredAt", "An incident cannot lie in the future.");
        }

        if (cmd.RoundId is { } roundId && !await db.PatrolRounds.AnyAsync(r => r.Id == roundId && r.EstateId == estate.Id, ct))
        {
            return Result<IncidentView>.Invalid("roundId", "No such round on this estate.");
        }

        double lon, lat;
        var outside = false;
        string? address = null;
        if (cmd.UnitId is { } unitId)
        {
            var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.EstateId == estate.Id, ct);
            if (unit is null)
            {
                return Result<IncidentView>.Invalid("unitId", "No such unit on this estate.");
            }

            (lon, lat) = (unit.Longitude, unit.Latitude);
            address = unit.Street + " " + unit.HouseNumber;
        }
        else
        {
            (lon, lat) = (cmd.Longitude!.Value, cmd.Latitude!.Value);
            outside = !Tenancy.EstateOutline.Contains(estate.OutlineGeoJson, lon, lat);
            if (outside && !cmd.ConfirmOutside)
            {
                return Result<IncidentView>.Invalid(
                    "confirmOutside", "The point lies outside the estate. Check it, or confirm that it is right (confirmOutside).");
            }
        }

        if (IncidentPhotoFiles.Sanitise(cmd.Photos) is not { } images)
        {
            return Result<IncidentView>.Invalid("photos", IncidentPhotoFiles.NotAnImage);
        }

        var incident = new Incident
        {
            TenantId = estate.TenantId,
            EstateId = estate.Id,
            Kind = cmd.Kind,
            OccurredAt = cmd.OccurredAt.ToUniversalTime(),
            UnitId = cmd.UnitId,
            Longitude = lon,
            Latitude = lat,
            OutsideOutline = outside,
            Description = cmd.Description.Trim(),
            PoliceReportNumber = string.IsNullOrWhiteSpace(cmd.PoliceReportNumber) ? null : cmd.PoliceReportNumber.Trim(),
            ReporterId = access.MemberId,
            RoundId = cmd.RoundId,
            CreatedAt = now,
        };
        db.Incidents.Add(incident);
        audit.Add("watch.incident.logged", $"incident:{incident.Id}", detail: images.Count > 0 ? $"photos={images.Count}" : null);
        await IncidentPhotoFiles.SaveWithPhotosAsync(db, blobs, incident, images, access.MemberId, now, log, ct);
        var reporter = await db.Members.Where(m => m.Id == access.MemberId).Select(m => m.DisplayName).SingleAsync(ct);
        return Result<IncidentView>.Created(IncidentView.Of(incident, reporter, address, incident.Photos.Select(p => p.Id).ToList(), showSignal: access.IsStaff));
    }
}
