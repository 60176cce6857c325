using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace Pps.Tests.Reach;

/// <summary>
/// Renders <c>branding/logo.svg</c> to the PNG icons of the web app manifest. The logo uses only rect, path and
/// circle with flat fills and strokes, which SkiaSharp draws directly (SKPath parses SVG path data); a full SVG
/// library would pin another SkiaSharp major. The PNGs are committed under <c>wwwroot/icons</c>;
/// <c>tests/Pps.Tests/Reach/make-icons.sh</c> regenerates them and a test fails when they no longer match the logo.
/// </summary>
public static class BrandIcons
{
    public static readonly (string File, int Size, bool Maskable)[] All =
    [
        ("icon-192.png", 192, false),
        ("icon-512.png", 512, false),
        ("icon-maskable-192.png", 192, true),
        ("icon-maskable-512.png", 512, true),
    ];

    public static SKBitmap Render(string svg, int size, bool maskable, SKColor background)
    {
        var root = XDocument.Parse(svg).Root!;
        var viewBox = ((string)root.Attribute("viewBox")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(F).ToArray();
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(maskable ? background : SKColors.Transparent);

        // A maskable icon may be cut to any shape inside the centre circle of 80 % diameter: the logo fits in it.
        var side = maskable ? size * 0.8f / MathF.Sqrt(2) : size;
        var offset = (size - side) / 2;
        canvas.Translate(offset, offset);
        canvas.Scale(side / viewBox[2], side / viewBox[3]);
        canvas.Translate(-viewBox[0], -viewBox[1]);

        foreach (var e in root.Elements())
        {
            foreach (var paint in Paints(e))
            {
                using (paint)
                {
                    switch (e.Name.LocalName)
                    {
                        case "rect":
                            var rx = F(e, "rx");
                            canvas.DrawRoundRect(SKRect.Create(F(e, "x"), F(e, "y"), F(e, "width"), F(e, "height")), rx, e.Attribute("ry") is null ? rx : F(e, "ry"), paint);
                            break;
                        case "circle":
                            canvas.DrawCircle(F(e, "cx"), F(e, "cy"), F(e, "r"), paint);
                            break;
                        case "path":
                            using (var path = SKPath.ParseSvgPathData((string)e.Attribute("d")!))
                            {
                                canvas.DrawPath(path, paint);
                            }

                            break;
                    }
                }
            }
        }

        canvas.Flush();
        return bitmap;
    }

    public static byte[] Png(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>Fill first, then stroke, as SVG paints them.</summary>
    private static IEnumerable<SKPaint> Paints(XElement e)
    {
        if ((string?)e.Attribute("fill") is { } fill && fill != "none")
        {
            yield return new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = SKColor.Parse(fill) };
        }

        if ((string?)e.Attribute("stroke") is { } stroke && stroke != "none")
        {
            yield return new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColor.Parse(stroke), StrokeWidth = e.Attribute("stroke-width") is { } w ? F((string)w) : 1f };
        }
    }

    private static float F(XElement e, string name) => e.Attribute(name) is { } a ? F((string)a) : 0f;

    private static float F(string value) => float.Parse(value, CultureInfo.InvariantCulture);
}
