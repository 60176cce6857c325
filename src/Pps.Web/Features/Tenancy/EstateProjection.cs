using System.Globalization;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// How the server-drawn estate maps (anonymity map, watch map, the signal forms' location picker) turn longitude and
/// latitude into SVG units — no tile server: equirectangular, longitudes shrunk by the cosine of the middle latitude so
/// an estate keeps its shape, fitted to a width with padding and at most twice as high as wide. The pickers' script
/// (<c>wwwroot/js/map-picker.js</c>) inverts it from <see cref="MinLongitude"/>, <see cref="MaxLatitude"/>,
/// <see cref="LongitudeFactor"/>, <see cref="Scale"/> and <see cref="Pad"/>.
/// </summary>
public sealed record EstateProjection(double Width, double Height, double MinLongitude, double MaxLatitude, double LongitudeFactor, double Scale, double Pad)
{
    /// <summary>The smallest box around <paramref name="points"/>; null when there are none.</summary>
    public static EstateProjection? Fit(IReadOnlyCollection<(double Lon, double Lat)> points, double width, double pad)
    {
        if (points.Count == 0)
        {
            return null;
        }

        double minX = points.Min(p => p.Lon), maxX = points.Max(p => p.Lon), minY = points.Min(p => p.Lat), maxY = points.Max(p => p.Lat);
        var k = Math.Cos((minY + maxY) / 2 * Math.PI / 180);
        var spanX = Math.Max((maxX - minX) * k, 1e-9);
        var spanY = Math.Max(maxY - minY, 1e-9);
        var scale = (width - (2 * pad)) / spanX;
        var height = Math.Min(Math.Round((spanY * scale) + (2 * pad), 1), width * 2);
        scale = Math.Min(scale, (height - (2 * pad)) / spanY);
        return new EstateProjection(width, height, minX, maxY, k, scale, pad);
    }

    public (double X, double Y) Project(double lon, double lat)
        => (Math.Round(Pad + ((lon - MinLongitude) * LongitudeFactor * Scale), 1), Math.Round(Pad + ((MaxLatitude - lat) * Scale), 1));

    /// <summary>The points of an SVG <c>polygon</c>.</summary>
    public string Polygon(IEnumerable<(double Lon, double Lat)> ring)
        => string.Join(' ', ring.Select(p => Project(p.Lon, p.Lat)).Select(p => $"{Num(p.X)},{Num(p.Y)}"));

    /// <summary>An SVG coordinate (one decimal).</summary>
    public static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Full precision for the projection's parameters: the browser computes coordinates from them.</summary>
    public static string Exact(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
