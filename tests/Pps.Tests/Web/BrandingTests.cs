using System.Globalization;
using System.Text.Json;

namespace Pps.Tests.Web;

/// <summary>The brand's colour pairs meet WCAG 2.1 AA for normal text (1.4.3, 4.5:1).</summary>
public sealed class BrandingTests
{
    private static readonly JsonElement Tokens = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("branding", "tokens.json"))).RootElement;

    public static TheoryData<string, string> ContrastPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (foreground, background) in Pairs())
        {
            data.Add(foreground, background);
        }

        return data;
    }

    private static List<(string Foreground, string Background)> Pairs()
        => Tokens.GetProperty("contrast-pairs").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToList();

    [Theory]
    [MemberData(nameof(ContrastPairs))]
    public void Every_listed_colour_pair_has_a_contrast_ratio_of_at_least_4_5(string foreground, string background)
    {
        var colours = Tokens.GetProperty("color");
        Assert.True(colours.TryGetProperty(foreground, out var fg), $"no colour token {foreground}");
        Assert.True(colours.TryGetProperty(background, out var bg), $"no colour token {background}");
        var ratio = ContrastRatio(fg.GetString()!, bg.GetString()!);
        Assert.True(ratio >= 4.5, $"{foreground} on {background}: {ratio:0.00}:1 is below 4.5:1");
    }

    [Fact]
    public void The_contrast_calculation_matches_known_values()
    {
        Assert.Equal(21.0, ContrastRatio("#000000", "#ffffff"), 2);
        Assert.Equal(1.0, ContrastRatio("#777777", "#777777"), 2);
        // #767676 on white is the well-known lightest grey that passes AA.
        Assert.Equal(4.54, ContrastRatio("#767676", "#ffffff"), 2);
        Assert.True(ContrastRatio("#777777", "#ffffff") < 4.5);
    }

    [Fact]
    public void The_pairs_cover_the_main_text_link_and_button_colours()
    {
        var pairs = Pairs().ToHashSet();
        Assert.Contains(("text", "background"), pairs);
        Assert.Contains(("link", "background"), pairs);
        Assert.Contains(("primary-contrast", "primary"), pairs);
    }

    /// <summary>WCAG 2.1 relative luminance and contrast ratio.</summary>
    internal static double ContrastRatio(string a, string b)
    {
        var la = Luminance(a);
        var lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        hex = hex.TrimStart('#');
        Assert.Matches("^[0-9a-fA-F]{6}$", hex);
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }
}
