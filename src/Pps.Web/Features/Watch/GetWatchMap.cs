using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

public sealed record MapPoint(double X, double Y, string Label);

public sealed record MapIncident(double X, double Y, IncidentView Incident);

/// <summary>A camera on the map; its viewing direction is drawn as a short line from (X, Y) to (X2, Y2).</summary>
public sealed record MapCamera(double X, double Y, double X2, double Y2, CameraView Camera);

/// <summary>An estate drawn into an SVG box: outline as polygon points, units, incidents and (for staff and police) cameras as projected points.</summary>
public sealed record WatchMap(
    IncidentLog Log, double Width, double Height, string Outline, IReadOnlyList<MapPoint> Units, IReadOnlyList<MapIncident> Incidents,
    IReadOnlyList<MapCamera> Cameras, EstateProjection Projection);

/// <summary>
/// The incident log of an estate with its outline and units projected for a server-drawn SVG map (no tile server).
/// Staff and police also see the registered cameras; <see cref="IncludeIncidents"/> false draws only the estate
/// (for picking a point on the incident form).
/// </summary>
public sealed record GetWatchMap(Guid EstateId, DateTimeOffset? From, DateTimeOffset? To, IncidentKind? Kind, bool IncludeIncidents = true) : IQuery<Result<WatchMap>>;

internal sealed class GetWatchMapHandler(PpsDb db, IMediator mediator, WatchAccess access) : IQueryHandler<GetWatchMap, Result<WatchMap>>
{
    public const double Width = 640;

    public async ValueTask<Result<WatchMap>> Handle(GetWatchMap q, CancellationToken ct)
    {
        var log = await mediator.Send(new GetIncidents(q.EstateId, q.From, q.To, q.Kind), ct);
        if (log.Value is not { } incidents)
        {
            return log.Status == ResultStatus.NotFound ? Result<WatchMap>.NotFound(log.Detail) : Result<WatchMap>.Invalid(log.Errors!);
        }

        var outlineJson = await db.Estates.Where(e => e.Id == q.EstateId).Select(e => e.OutlineGeoJson).SingleAsync(ct);
        var units = await db.Units.Where(u => u.EstateId == q.EstateId).OrderBy(u => u.Street).ThenBy(u => u.HouseNumber)
            .Select(u => new { u.Longitude, u.Latitude, Address = u.Street + " " + u.HouseNumber }).Take(2000).ToListAsync(ct);
        if (!q.IncludeIncidents)
        {
            incidents = incidents with { Incidents = [], Counts = [] };
        }

        IReadOnlyList<CameraView> cameras = [];
        if (q.IncludeIncidents && access.IsStaffOrPolice)
        {
            cameras = (await mediator.Send(new GetCameras(q.EstateId, Mine: false), ct)).Value ?? [];
        }

        var ring = EstateOutline.ReadRing(outlineJson);
        var all = ring.Concat(units.Select(u => (u.Longitude, u.Latitude))).Concat(incidents.Incidents.Select(i => (i.Longitude, i.Latitude)))
            .Concat(cameras.Select(c => (c.Longitude, c.Latitude))).ToList();
        if (EstateProjection.Fit(all, Width, pad: 12) is not { } projection)
        {
            return Result<WatchMap>.Ok(new WatchMap(incidents, Width, Width / 2, "", [], [], [], new EstateProjection(Width, Width / 2, 0, 0, 1, 1, 0)));
        }

        var outline = projection.Polygon(ring);
        var unitPoints = units.Select(u =>
        {
            var (x, y) = projection.Project(u.Longitude, u.Latitude);
            return new MapPoint(x, y, u.Address);
        }).ToList();
        var incidentPoints = incidents.Incidents.Select(i =>
        {
            var (x, y) = projection.Project(i.Longitude, i.Latitude);
            return new MapIncident(x, y, i);
        }).ToList();
        var cameraPoints = cameras.Select(c =>
        {
            var (x, y) = projection.Project(c.Longitude, c.Latitude);
            var angle = c.DirectionDegrees * Math.PI / 180;
            return new MapCamera(x, y, Math.Round(x + (14 * Math.Sin(angle)), 1), Math.Round(y - (14 * Math.Cos(angle)), 1), c);
        }).ToList();
        return Result<WatchMap>.Ok(new WatchMap(incidents, Width, projection.Height, outline, unitPoints, incidentPoints, cameraPoints, projection));
    }
}
