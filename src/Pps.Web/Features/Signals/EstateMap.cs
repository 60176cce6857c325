using Pps.Web.Features.Tenancy;

namespace Pps.Web.Features.Signals;

/// <summary>
/// An estate drawn into an SVG box for the report forms' location picker, with the projection so the browser can turn
/// a click back into longitude/latitude (<see cref="EstateProjection"/>, shared with the watch and anonymity maps).
/// </summary>
public sealed record EstateMap(Guid EstateId, string Name, string? TenantSlug, string Outline, IReadOnlyList<EstateMapUnit> Units, EstateProjection Projection)
{
    public const double DefaultWidth = 480;

    /// <summary>
    /// Projects the outer ring of <paramref name="outlineGeoJson"/> and the units; null when the outline cannot be read
    /// (the form then offers the unit list, coordinates and the address, without a map).
    /// </summary>
    public static EstateMap? Draw(Guid estateId, string name, string? tenantSlug, string outlineGeoJson, IEnumerable<(Guid Id, double Longitude, double Latitude, string Label)> units, double width = DefaultWidth)
    {
        var ring = EstateOutline.ReadRing(outlineGeoJson);
        if (ring.Count < 3 || EstateProjection.Fit(ring, width, pad: 12) is not { } projection)
        {
            return null;
        }

        // The box is the outline's: a unit outside the outline would stretch the map, and a point there is refused anyway.
        double minX = ring.Min(p => p.Lon), maxX = ring.Max(p => p.Lon), minY = ring.Min(p => p.Lat), maxY = ring.Max(p => p.Lat);
        var dots = units
            .Where(u => u.Longitude >= minX && u.Longitude <= maxX && u.Latitude >= minY && u.Latitude <= maxY)
            .Select(u =>
            {
                var (x, y) = projection.Project(u.Longitude, u.Latitude);
                return new EstateMapUnit(u.Id, x, y, u.Label);
            })
            .ToList();
        return new EstateMap(estateId, name, tenantSlug, projection.Polygon(ring), dots, projection);
    }
}

public sealed record EstateMapUnit(Guid UnitId, double X, double Y, string Label);

/// <summary>A premises in the report form's unit list.</summary>
public sealed record UnitOption(Guid Id, Guid EstateId, string Label);
