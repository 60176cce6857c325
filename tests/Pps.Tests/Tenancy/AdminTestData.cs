using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pps.Tests.Tenancy;

/// <summary>Accounts and helpers the administration tests share.</summary>
internal static class Admin
{
    public const string Platform = "admin@pps.demo";
    public const string OovZoetermeer = "oov@zoetermeer.demo";
    public const string OovPijnacker = "oov@pijnacker.demo";
    public const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";

    public static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    /// <summary>A square outline around (lon, lat) as a GeoJSON Polygon object.</summary>
    public static object Square(double lon = 4.46, double lat = 52.04, double d = 0.002) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + d, lat }, new[] { lon + d, lat + d }, new[] { lon, lat + d }, new[] { lon, lat } } },
    };

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static void AssertNamesField(JsonElement problem, string field)
        => Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), problem.ToString());

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
