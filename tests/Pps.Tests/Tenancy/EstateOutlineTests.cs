using Pps.Web.Features.Tenancy;

namespace Pps.Tests.Tenancy;

public sealed class EstateOutlineTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[4.46,52.04],[4.47,52.04],[4.47,52.05],[4.46,52.05],[4.46,52.04]]]}""";

    [Fact]
    public void A_closed_simple_polygon_is_accepted_and_kept_as_bare_geometry()
    {
        var (geometry, error) = EstateOutline.Check(Square);
        Assert.Null(error);
        Assert.Contains("\"type\":\"Polygon\"", geometry, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_or_a_collection_with_one_polygon_is_reduced_to_the_polygon()
    {
        var feature = $$"""{"type":"Feature","properties":{"name":"x"},"geometry":{{Square}}}""";
        var collection = $$"""{"type":"FeatureCollection","features":[{{feature}}]}""";
        Assert.Null(EstateOutline.Check(feature).Error);
        var (geometry, error) = EstateOutline.Check(collection);
        Assert.Null(error);
        Assert.DoesNotContain("Feature", geometry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[4.46,52.04]}""", "Polygon")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "exactly one")]
    [InlineData("""{"type":"Polygon","coordinates":[[[4.46,52.04],[4.47,52.04],[4.47,52.05],[4.46,52.05]]]}""", "not closed")]
    [InlineData("""{"type":"Polygon","coordinates":[[[4.46,52.04],[4.47,52.04],[4.46,52.04]]]}""", "at least 4")]
    [InlineData("""{"type":"Polygon","coordinates":[[[4.46,52.04],[184.47,52.04],[4.47,52.05],[4.46,52.04]]]}""", "within range")]
    [InlineData("""{"type":"Polygon","coordinates":[[[4.46,52.04],[4.47,95],[4.47,52.05],[4.46,52.04]]]}""", "within range")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", "crosses itself")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[2,0],[1,0],[1,1],[0,0]]]}""", "crosses itself")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("", "required")]
    public void A_broken_outline_is_refused_with_a_reason(string text, string reason)
    {
        var (geometry, error) = EstateOutline.Check(text);
        Assert.Null(geometry);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outline_over_200_KB_or_5000_positions_is_refused()
    {
        var big = "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', Enumerable.Repeat("[4.460000000001,52.040000000001]", 7000)) + "]]}";
        Assert.Contains("200 KB", EstateOutline.Check(big).Error, StringComparison.Ordinal);

        // 5001 positions on a circle: simple and closed, but too many.
        var ring = Enumerable.Range(0, 5000).Select(i => (Math.Cos(i * 2 * Math.PI / 5000), Math.Sin(i * 2 * Math.PI / 5000))).ToList();
        ring.Add(ring[0]);
        var text = "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', ring.Select(p => FormattableString.Invariant($"[{p.Item1:F6},{p.Item2:F6}]"))) + "]]}";
        Assert.Contains("5000", EstateOutline.Check(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_simple_ring_within_the_limits_is_accepted()
    {
        var ring = Enumerable.Range(0, 4000).Select(i => (4.46 + (0.01 * Math.Cos(i * 2 * Math.PI / 4000)), 52.04 + (0.01 * Math.Sin(i * 2 * Math.PI / 4000)))).ToList();
        ring.Add(ring[0]);
        var text = "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', ring.Select(p => FormattableString.Invariant($"[{p.Item1:R},{p.Item2:R}]"))) + "]]}";
        Assert.Null(EstateOutline.Check(text).Error);
    }
}
