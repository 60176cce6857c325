using SkiaSharp;

namespace Pps.Web.Infrastructure.Storage;

/// <summary>
/// Re-encodes an uploaded image from its decoded pixels, so nothing of the original file survives: no EXIF, no
/// GPS position, no camera serial, no embedded payload. Refuses images too large to decode safely (image bombs).
/// </summary>
public static class ImageSanitizer
{
    public const int MaxPixels = 40_000_000;

    /// <summary>Returns the re-encoded image (JPEG for photos, PNG for images with transparency), or null when it is not a decodable image within limits.</summary>
    public static SanitizedImage? Reencode(byte[] data, int maxDimension = 4096)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(data));
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        var bitmap = decoded;
        SKBitmap? resized = null;
        if (Math.Max(decoded.Width, decoded.Height) > maxDimension)
        {
            var scale = (double)maxDimension / Math.Max(decoded.Width, decoded.Height);
            resized = decoded.Resize(new SKImageInfo((int)(decoded.Width * scale), (int)(decoded.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear));
            bitmap = resized ?? decoded;
        }

        try
        {
            using var image = SKImage.FromBitmap(bitmap);
            var transparent = info.AlphaType != SKAlphaType.Opaque && codec.EncodedFormat is SKEncodedImageFormat.Png or SKEncodedImageFormat.Gif or SKEncodedImageFormat.Webp;
            using var encoded = transparent ? image.Encode(SKEncodedImageFormat.Png, 100) : image.Encode(SKEncodedImageFormat.Jpeg, 88);
            return encoded is null ? null : new SanitizedImage(encoded.ToArray(), transparent ? "image/png" : "image/jpeg", bitmap.Width, bitmap.Height);
        }
        finally
        {
            resized?.Dispose();
        }
    }
}

public sealed record SanitizedImage(byte[] Bytes, string ContentType, int Width, int Height);
