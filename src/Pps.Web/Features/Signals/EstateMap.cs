using System.Globalization;
using System.Text.Json;

namespace Pps.Web.Features.Signals;

/// <summary>
/// An estate drawn into an SVG box for the report form's location picker, with the projection's parameters so the
/// browser can turn a click back into longitude/latitude. Same projection as the watch and anonymity maps
/// (equirectangular, longitudes shrunk by the cosine of the latitude); those draw inside their own use cases, and this
/// one also needs the inverse, so the picker keeps its own small copy rather than reaching into their pages.
/// </summary>
public sealed record EstateMap(
    Guid EstateId,
    string Name,
    string? TenantSlug,
    double Width,
    double Height,
    string Outline,
    IReadOnlyList<EstateMapUnit> Units,
    double MinLongitude,
    double MaxLatitude,
    double LongitudeFactor,
    double Scale,
    double Pad)
{
    public const double DefaultWidth = 480;

    public static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Full precision for the projection's parameters: the browser computes coordinates from them.</summary>
    public static string Exact(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Projects the outer ring of <paramref name="outlineGeoJson"/> and the units; null when the outline cannot be read
    /// (the form then offers the unit list, coordinates and the address, without a map).
    /// </summary>
    public static EstateMap? Draw(Guid estateId, string name, string? tenantSlug, string outlineGeoJson, IEnumerable<(Guid Id, double Longitude, double Latitude, string Label)> units, double width = DefaultWidth)
    {
        var ring = ReadRing(outlineGeoJson);
        if (ring.Count < 3)
        {
            return null;
        }

        // The box is the outline's: a unit outside the outline would stretch the map, and a point there is refused anyway.
        double minX = ring.Min(p => p.Lon), maxX = ring.Max(p => p.Lon), minY = ring.Min(p => p.Lat), maxY = ring.Max(p => p.Lat);
        var k = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        const double pad = 12;
        var spanX = Math.Max((maxX - minX) * k, 1e-9);
        var spanY = Math.Max(maxY - minY, 1e-9);
        var scale = (width - (2 * pad)) / spanX;
        var height = Math.Round((spanY * scale) + (2 * pad), 1);
        if (height > width * 2)
        {
            height = width * 2;
            scale = (height - (2 * pad)) / spanY;
        }

        (double X, double Y) Project(double lon, double lat) => (Math.Round(pad + ((lon - minX) * k * scale), 1), Math.Round(pad + ((maxY - lat) * scale), 1));
        var outline = string.Join(' ', ring.Select(p => Project(p.Lon, p.Lat)).Select(p => $"{Num(p.X)},{Num(p.Y)}"));
        var dots = units
            .Where(u => u.Longitude >= minX && u.Longitude <= maxX && u.Latitude >= minY && u.Latitude <= maxY)
            .Select(u =>
            {
                var (x, y) = Project(u.Longitude, u.Latitude);
                return new EstateMapUnit(u.Id, x, y, u.Label);
            })
            .ToList();
        return new EstateMap(estateId, name, tenantSlug, width, height, outline, dots, minX, maxY, k, scale, pad);
    }

    private static List<(double Lon, double Lat)> ReadRing(string geoJson)
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

public sealed record EstateMapUnit(Guid UnitId, double X, double Y, string Label);

/// <summary>A premises in the report form's unit list.</summary>
public sealed record UnitOption(Guid Id, Guid EstateId, string Label);
