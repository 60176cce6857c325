using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>What an editor hands in for a version: a file (already read within the size limit), a link or an article text.</summary>
public sealed record LibraryContent(LibraryContentKind Kind, byte[]? File = null, string? FileName = null, string? Url = null, string? Body = null)
{
    /// <summary>Set by the endpoint when the upload exceeded <see cref="LibraryLimits.MaxUploadBytes"/>.</summary>
    public bool TooLarge { get; init; }
}

internal sealed class LibraryContentValidator : AbstractValidator<LibraryContent>
{
    public LibraryContentValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.TooLarge).Equal(false).OverridePropertyName("file")
            .WithMessage($"The file is larger than {LibraryLimits.MaxUploadBytes / (1024 * 1024)} MB.");
        When(c => c.Kind == LibraryContentKind.File && !c.TooLarge, () =>
            RuleFor(c => c.File).Must(f => f is { Length: > 0 }).OverridePropertyName("file").WithMessage("Choose a PDF or image file."));
        When(c => c.Kind == LibraryContentKind.Link, () =>
            RuleFor(c => c.Url).NotEmpty().MaximumLength(LibraryLimits.Url)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host))
                .OverridePropertyName("url").WithMessage("Give a full https:// link."));
        When(c => c.Kind == LibraryContentKind.Article, () =>
            RuleFor(c => c.Body).NotEmpty().MaximumLength(LibraryLimits.Body).OverridePropertyName("body"));
    }
}

/// <summary>A version's content after inspection: sniffed, images re-encoded, the name sanitised. Blob not yet written.</summary>
internal sealed record PreparedContent(LibraryContentKind Kind, byte[]? Bytes, string? ContentType, string? FileName, string? Url, string? Body);

internal static class LibraryContentInspection
{
    /// <summary>Decides what the upload really is from its bytes; refuses anything but PDF and decodable images.</summary>
    public static Result<PreparedContent> Prepare(LibraryContent c)
    {
        switch (c.Kind)
        {
            case LibraryContentKind.Link:
                return Result<PreparedContent>.Ok(new PreparedContent(c.Kind, null, null, null, new Uri(c.Url!).AbsoluteUri, null));
            case LibraryContentKind.Article:
                return Result<PreparedContent>.Ok(new PreparedContent(c.Kind, null, null, null, null, c.Body!.Replace("\r\n", "\n")));
        }

        var bytes = c.File!;
        var kind = UploadInspector.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 64)));
        if (kind == UploadKind.Pdf)
        {
            return Result<PreparedContent>.Ok(new PreparedContent(c.Kind, bytes, UploadInspector.ContentType(kind), SanitiseName(c.FileName, "pdf"), null, null));
        }

        if (UploadInspector.IsImage(kind))
        {
            // Re-encoding drops EXIF/GPS and anything hidden in the original file.
            var image = ImageSanitizer.Reencode(bytes);
            if (image is null)
            {
                return Result<PreparedContent>.Invalid("file", "The image could not be read or is too large.");
            }

            return Result<PreparedContent>.Ok(new PreparedContent(c.Kind, image.Bytes, image.ContentType, SanitiseName(c.FileName, image.ContentType == "image/png" ? "png" : "jpg"), null, null));
        }

        return Result<PreparedContent>.Invalid("file", "Only PDF files and images (PNG, JPEG, GIF, WebP) can be uploaded.");
    }

    /// <summary>Keeps a readable display name: no folders, no control or reserved characters, the extension of what the file really is.</summary>
    public static string SanitiseName(string? name, string extension)
    {
        var baseName = Path.GetFileNameWithoutExtension((name ?? "").Replace('\\', '/').Split('/').Last());
        var clean = new StringBuilder();
        foreach (var ch in baseName.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch) || ch is ' ' or '-' or '_' or '.' or '(' or ')')
            {
                clean.Append(ch);
            }
        }

        var result = clean.ToString().Trim(' ', '.');
        if (result.Length == 0)
        {
            result = "document";
        }

        if (result.Length > LibraryLimits.FileName - 10)
        {
            result = result[..(LibraryLimits.FileName - 10)];
        }

        return $"{result}.{extension}";
    }

    /// <summary>Writes the blob (if any) and returns its key; the caller deletes it again if the database refuses the record.</summary>
    public static async Task<string?> WriteAsync(IBlobStore blobs, PreparedContent content, CancellationToken ct)
    {
        if (content.Bytes is null)
        {
            return null;
        }

        var key = BlobKeys.New("library");
        await blobs.PutAsync(key, new MemoryStream(content.Bytes, writable: false), content.ContentType!, ct);
        return key;
    }

    public static LibraryDocumentVersion NewVersion(LibraryDocument d, int number, PreparedContent c, string? key, string? changeNote, Guid? by, DateTimeOffset at) => new()
    {
        TenantId = d.TenantId,
        DocumentId = d.Id,
        Number = number,
        Kind = c.Kind,
        BlobKey = key,
        ContentType = c.ContentType,
        FileName = c.FileName,
        Size = c.Bytes?.LongLength,
        Url = c.Url,
        Body = c.Body,
        ChangeNote = string.IsNullOrWhiteSpace(changeNote) ? null : changeNote.Trim(),
        CreatedAt = at,
        CreatedBy = by,
    };

    /// <summary>Saves; when the database refuses, removes the blob written for this version so nothing is left behind.</summary>
    public static async Task<bool> SaveOrRollBackBlobAsync(Infrastructure.Data.PpsDb db, IBlobStore blobs, string? key, ILogger log, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex)
        {
            log.LogWarning(ex, "Library record refused by the database; removing its blob");
            if (key is not null)
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }

            db.ChangeTracker.Clear();
            return false;
        }
    }
}
