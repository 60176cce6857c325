using Pps.Web.Infrastructure.Storage;

namespace Pps.Web.Features.Noticeboards;

public sealed record PreparedFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Reads uploads within the limits and decides what they are from their bytes, never from the name or the
/// browser's claimed type. Images are re-encoded (no EXIF/GPS survives); PDFs are kept as they are and are
/// only ever served as downloads.
/// </summary>
public static class AttachmentReader
{
    /// <summary>Reads the files of a form; an error names the problem when one is too large or there are too many.</summary>
    public static async Task<(IReadOnlyList<UploadedFile> Files, string? Error)> ReadAsync(IFormFileCollection files, CancellationToken ct)
    {
        var chosen = files.Where(f => f.Length > 0).ToList();
        if (chosen.Count > PostAttachment.MaxPerPost)
        {
            return ([], $"At most {PostAttachment.MaxPerPost} attachments per post.");
        }

        var result = new List<UploadedFile>();
        foreach (var file in chosen)
        {
            if (file.Length > PostAttachment.MaxBytes)
            {
                return ([], $"{SafeName(file.FileName)} is larger than 5 MB.");
            }

            await using var stream = file.OpenReadStream();
            var bytes = await UploadInspector.ReadLimitedAsync(stream, PostAttachment.MaxBytes, ct);
            if (bytes is null)
            {
                return ([], $"{SafeName(file.FileName)} is larger than 5 MB.");
            }

            result.Add(new UploadedFile(SafeName(file.FileName), bytes));
        }

        return (result, null);
    }

    public static IReadOnlyList<PreparedFile> Prepare(IReadOnlyList<UploadedFile> files, out string? error)
    {
        error = null;
        var prepared = new List<PreparedFile>();
        foreach (var file in files)
        {
            if (file.Content.Length > PostAttachment.MaxBytes)
            {
                error = $"{file.FileName} is larger than 5 MB.";
                return [];
            }

            var kind = UploadInspector.Sniff(file.Content);
            if (kind == UploadKind.Pdf)
            {
                prepared.Add(new PreparedFile(WithExtension(file.FileName, ".pdf"), "application/pdf", file.Content));
            }
            else if (UploadInspector.IsImage(kind) && ImageSanitizer.Reencode(file.Content) is { } image)
            {
                prepared.Add(new PreparedFile(WithExtension(file.FileName, image.ContentType == "image/png" ? ".png" : ".jpg"), image.ContentType, image.Bytes));
            }
            else
            {
                error = $"{file.FileName}: only images (JPEG, PNG, GIF, WebP) and PDF files can be attached.";
                return [];
            }
        }

        return prepared;
    }

    public static string SafeName(string? name)
    {
        var file = Path.GetFileName(name ?? "");
        var clean = new string(file.Where(c => !char.IsControl(c) && c is not '"' and not '\\' and not '/').ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "bijlage";
        }

        return clean.Length <= 200 ? clean : clean[..200];
    }

    private static string WithExtension(string name, string extension)
        => string.Equals(Path.GetExtension(name), extension, StringComparison.OrdinalIgnoreCase) ? name : Path.GetFileNameWithoutExtension(name) + extension;
}
