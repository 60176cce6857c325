using System.Text.Json;

namespace Pps.Web.Features.Signals;

/// <summary>Whether a point lies on an estate: ray casting over the outer ring of the estate's GeoJSON Polygon ([lon, lat]).</summary>
internal static class EstateOutline
{
    public static bool Contains(string outlineGeoJson, double longitude, double latitude)
    {
        List<(double X, double Y)> ring;
        try
        {
            using var doc = JsonDocument.Parse(outlineGeoJson);
            if (!doc.RootElement.TryGetProperty("coordinates", out var coordinates) || coordinates.GetArrayLength() == 0)
            {
                return false;
            }

            ring = coordinates[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > latitude) != (yj > latitude) && longitude < ((xj - xi) * (latitude - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
