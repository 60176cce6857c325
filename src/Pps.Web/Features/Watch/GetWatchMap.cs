using System.Globalization;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

public sealed record MapPoint(double X, double Y, string Label);

public sealed record MapIncident(double X, double Y, IncidentView Incident);

/// <summary>A camera on the map; its viewing direction is drawn as a short line from (X, Y) to (X2, Y2).</summary>
public sealed record MapCamera(double X, double Y, double X2, double Y2, CameraView Camera);

/// <summary>How longitude/latitude became SVG units, so a click on the map can be turned back into a point.</summary>
public sealed record MapProjection(double MinLon, double MaxLat, double K, double Scale, double Pad);

/// <summary>An estate drawn into an SVG box: outline as polygon points, units, incidents and (for staff and police) cameras as projected points.</summary>
public sealed record WatchMap(
    IncidentLog Log, double Width, double Height, string Outline, IReadOnlyList<MapPoint> Units, IReadOnlyList<MapIncident> Incidents,
    IReadOnlyList<MapCamera> Cameras, MapProjection Projection)
{
    public static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Coordinate(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

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

        var ring = ReadRing(outlineJson);
        var all = ring.Concat(units.Select(u => (u.Longitude, u.Latitude))).Concat(incidents.Incidents.Select(i => (i.Longitude, i.Latitude)))
            .Concat(cameras.Select(c => (c.Longitude, c.Latitude))).ToList();
        if (all.Count == 0)
        {
            return Result<WatchMap>.Ok(new WatchMap(incidents, Width, Width / 2, "", [], [], [], new MapProjection(0, 0, 1, 1, 0)));
        }

        // Equirectangular, longitudes shrunk by the cosine of the latitude so the estate keeps its shape.
        double minX = all.Min(p => p.Item1), maxX = all.Max(p => p.Item1), minY = all.Min(p => p.Item2), maxY = all.Max(p => p.Item2);
        var k = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        const double pad = 12;
        var spanX = Math.Max((maxX - minX) * k, 1e-9);
        var spanY = Math.Max(maxY - minY, 1e-9);
        var scale = (Width - (2 * pad)) / spanX;
        var height = Math.Min(Math.Round((spanY * scale) + (2 * pad), 1), Width * 2);
        scale = Math.Min(scale, (height - (2 * pad)) / spanY);
        (double X, double Y) Project(double lon, double lat) => (Math.Round(pad + ((lon - minX) * k * scale), 1), Math.Round(pad + ((maxY - lat) * scale), 1));

        var outline = string.Join(' ', ring.Select(p => Project(p.Item1, p.Item2)).Select(p => $"{WatchMap.Num(p.X)},{WatchMap.Num(p.Y)}"));
        var unitPoints = units.Select(u =>
        {
            var (x, y) = Project(u.Longitude, u.Latitude);
            return new MapPoint(x, y, u.Address);
        }).ToList();
        var incidentPoints = incidents.Incidents.Select(i =>
        {
            var (x, y) = Project(i.Longitude, i.Latitude);
            return new MapIncident(x, y, i);
        }).ToList();
        var cameraPoints = cameras.Select(c =>
        {
            var (x, y) = Project(c.Longitude, c.Latitude);
            var angle = c.DirectionDegrees * Math.PI / 180;
            return new MapCamera(x, y, Math.Round(x + (14 * Math.Sin(angle)), 1), Math.Round(y - (14 * Math.Cos(angle)), 1), c);
        }).ToList();
        return Result<WatchMap>.Ok(new WatchMap(incidents, Width, height, outline, unitPoints, incidentPoints, cameraPoints, new MapProjection(minX, maxY, k, scale, pad)));
    }

    private static List<(double, double)> ReadRing(string geoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            return doc.RootElement.GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return [];
        }
    }
}
