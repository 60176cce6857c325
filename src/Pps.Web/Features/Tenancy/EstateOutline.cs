using System.Text;
using System.Text.Json;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Checks an estate outline given as GeoJSON (a Polygon, or a Feature/FeatureCollection holding exactly one
/// Polygon) and reduces it to the bare Polygon geometry the hub stores. The watch map draws the outline without a
/// tile server, so a broken ring would break the map for everyone on the estate: refuse it at the door.
/// </summary>
public static class EstateOutline
{
    public const int MaxBytes = 200 * 1024;
    public const int MinPositions = 4;
    public const int MaxPositions = 5000;

    /// <summary>Returns the normalised Polygon GeoJSON, or an error message (English; the field is always <c>outline</c>).</summary>
    public static (string? Geometry, string? Error) Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "An outline (GeoJSON Polygon) is required.");
        }

        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return (null, $"The outline is larger than {MaxBytes / 1024} KB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return (null, "The outline is not valid JSON.");
        }

        using (document)
        {
            var (polygon, error) = FindPolygon(document.RootElement);
            if (polygon is not { } coordinates)
            {
                return (null, error);
            }

            var (rings, ringError) = ReadRings(coordinates);
            if (rings is null)
            {
                return (null, ringError);
            }

            var geometry = JsonSerializer.Serialize(new { type = "Polygon", coordinates = rings });
            return (geometry, null);
        }
    }

    private static (JsonElement? Coordinates, string? Error) FindPolygon(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return (null, "The outline must be a GeoJSON object with a \"type\".");
        }

        switch (type.GetString())
        {
            case "Polygon":
                return root.TryGetProperty("coordinates", out var c) ? (c, null) : (null, "The Polygon has no \"coordinates\".");
            case "Feature":
                return root.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
                    ? FindPolygonGeometry(g)
                    : (null, "The Feature has no geometry.");
            case "FeatureCollection":
                if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() != 1)
                {
                    return (null, "A FeatureCollection must hold exactly one Feature with a Polygon.");
                }

                var feature = features[0];
                return feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var fg) && fg.ValueKind == JsonValueKind.Object
                    ? FindPolygonGeometry(fg)
                    : (null, "The Feature has no geometry.");
            default:
                return (null, "The outline must be a Polygon (or a Feature or FeatureCollection with exactly one Polygon).");
        }
    }

    private static (JsonElement? Coordinates, string? Error) FindPolygonGeometry(JsonElement geometry)
        => geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "Polygon"
           && geometry.TryGetProperty("coordinates", out var c)
            ? (c, null)
            : (null, "The outline must be a Polygon (or a Feature or FeatureCollection with exactly one Polygon).");

    private static (double[][][]? Rings, string? Error) ReadRings(JsonElement coordinates)
    {
        if (coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
        {
            return (null, "The Polygon's coordinates must be a list of rings.");
        }

        var rings = new List<double[][]>();
        var total = 0;
        foreach (var ringElement in coordinates.EnumerateArray())
        {
            if (ringElement.ValueKind != JsonValueKind.Array)
            {
                return (null, "Each ring must be a list of positions.");
            }

            var count = ringElement.GetArrayLength();
            total += count;
            if (count < MinPositions)
            {
                return (null, $"A ring needs at least {MinPositions} positions (the last repeating the first).");
            }

            if (total > MaxPositions)
            {
                return (null, $"The outline has more than {MaxPositions} positions.");
            }

            var ring = new double[count][];
            var i = 0;
            foreach (var position in ringElement.EnumerateArray())
            {
                if (ReadPosition(position) is not { } p)
                {
                    return (null, $"Position {i + 1} is not a [longitude, latitude] pair within range (longitude −180..180, latitude −90..90).");
                }

                ring[i++] = p;
            }

            if (ring[0][0] != ring[^1][0] || ring[0][1] != ring[^1][1])
            {
                return (null, "The ring is not closed: the last position must repeat the first.");
            }

            if (SelfIntersects(ring))
            {
                return (null, "The outline crosses itself.");
            }

            rings.Add(ring);
        }

        return (rings.ToArray(), null);
    }

    private static double[]? ReadPosition(JsonElement position)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
        {
            return null;
        }

        if (position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
            || !position[0].TryGetDouble(out var lon) || !position[1].TryGetDouble(out var lat)
            || !double.IsFinite(lon) || !double.IsFinite(lat)
            || lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return null;
        }

        return [lon, lat];
    }

    /// <summary>
    /// True when two edges that are not neighbours touch or cross. O(n²) over at most 5000 positions is a few
    /// million cheap tests, well inside a request; a sweep line is not worth its complexity here.
    /// </summary>
    internal static bool SelfIntersects(double[][] ring)
    {
        // Repeated consecutive positions are harmless but would make zero-length edges that "touch" their neighbours.
        var points = new List<double[]>(ring.Length);
        foreach (var p in ring)
        {
            if (points.Count == 0 || points[^1][0] != p[0] || points[^1][1] != p[1])
            {
                points.Add(p);
            }
        }

        var edges = points.Count - 1;
        if (edges < 3)
        {
            return true; // fewer than three distinct corners encloses nothing
        }

        for (var i = 0; i < edges; i++)
        {
            for (var j = i + 1; j < edges; j++)
            {
                var neighbours = j == i + 1 || (i == 0 && j == edges - 1);
                if (neighbours)
                {
                    // Neighbours share a corner; they only overlap when one folds back along the other.
                    if (FoldsBack(points[i], points[i + 1], points[j], points[j + 1]))
                    {
                        return true;
                    }

                    continue;
                }

                if (Intersect(points[i], points[i + 1], points[j], points[j + 1]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool FoldsBack(double[] a, double[] b, double[] c, double[] d)
    {
        // Collinear neighbours whose directions point against each other overlap along a stretch.
        if (Orientation(a, b, c) != 0 || Orientation(a, b, d) != 0)
        {
            return false;
        }

        var (ux, uy) = (b[0] - a[0], b[1] - a[1]);
        var (vx, vy) = (d[0] - c[0], d[1] - c[1]);
        return ux * vx + uy * vy < 0;
    }

    private static bool Intersect(double[] p1, double[] p2, double[] q1, double[] q2)
    {
        var o1 = Orientation(p1, p2, q1);
        var o2 = Orientation(p1, p2, q2);
        var o3 = Orientation(q1, q2, p1);
        var o4 = Orientation(q1, q2, p2);
        if (o1 != o2 && o3 != o4)
        {
            return true;
        }

        return (o1 == 0 && OnSegment(p1, q1, p2))
            || (o2 == 0 && OnSegment(p1, q2, p2))
            || (o3 == 0 && OnSegment(q1, p1, q2))
            || (o4 == 0 && OnSegment(q1, p2, q2));
    }

    private static int Orientation(double[] a, double[] b, double[] c)
    {
        var cross = ((b[1] - a[1]) * (c[0] - b[0])) - ((b[0] - a[0]) * (c[1] - b[1]));
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }

    private static bool OnSegment(double[] a, double[] p, double[] b)
        => p[0] <= Math.Max(a[0], b[0]) && p[0] >= Math.Min(a[0], b[0]) && p[1] <= Math.Max(a[1], b[1]) && p[1] >= Math.Min(a[1], b[1]);

    /// <summary>The outer ring of a stored outline as (longitude, latitude); empty when it cannot be read.</summary>
    public static List<(double Lon, double Lat)> ReadRing(string geoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            if (!doc.RootElement.TryGetProperty("coordinates", out var coordinates) || coordinates.GetArrayLength() == 0)
            {
                return [];
            }

            return coordinates[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            return [];
        }
    }

    /// <summary>Whether a point lies on the estate: ray casting over the outer ring of the stored outline.</summary>
    public static bool Contains(string outlineGeoJson, double longitude, double latitude)
    {
        var ring = ReadRing(outlineGeoJson);
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

    /// <summary>The average of the outer ring's points (demo data).</summary>
    public static (double Lon, double Lat) Centre(string geoJson)
    {
        var ring = ReadRing(geoJson);
        return ring.Count == 0 ? (0, 0) : (ring.Average(p => p.Lon), ring.Average(p => p.Lat));
    }
}
