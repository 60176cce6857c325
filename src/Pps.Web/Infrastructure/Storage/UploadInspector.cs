namespace Pps.Web.Infrastructure.Storage;

public enum UploadKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
}

/// <summary>
/// Decides what an upload is from its first bytes (magic numbers), never from its name or the content type the
/// browser claimed: a renamed executable is <see cref="UploadKind.Unknown"/>.
/// </summary>
public static class UploadInspector
{
    public static UploadKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return UploadKind.Pdf;
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return UploadKind.Png;
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return UploadKind.Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return UploadKind.Gif;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return UploadKind.Webp;
        }

        return UploadKind.Unknown;
    }

    public static bool IsImage(UploadKind kind) => kind is UploadKind.Png or UploadKind.Jpeg or UploadKind.Gif or UploadKind.Webp;

    public static string ContentType(UploadKind kind) => kind switch
    {
        UploadKind.Pdf => "application/pdf",
        UploadKind.Png => "image/png",
        UploadKind.Jpeg => "image/jpeg",
        UploadKind.Gif => "image/gif",
        UploadKind.Webp => "image/webp",
        _ => "application/octet-stream",
    };

    /// <summary>Reads the whole upload into memory up to <paramref name="maxBytes"/>; null when it is larger.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
