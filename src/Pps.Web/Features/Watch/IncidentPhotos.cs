using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Incident photos: at most <see cref="IncidentPhoto.MaxPerIncident"/> per incident, each at most 8 MB as uploaded,
/// decided from their bytes and re-encoded so no EXIF or GPS position of the reporter's phone survives.
/// </summary>
internal static class IncidentPhotoFiles
{
    public const long MaxRequestBytes = (IncidentPhoto.MaxPerIncident * (long)IncidentPhoto.MaxBytes) + (1024 * 1024);

    public const string TooMany = "At most 3 photos per incident.";
    public const string TooLarge = "Each photo may be at most 8 MB.";
    public const string NotAnImage = "Each photo must be a JPEG, PNG, GIF or WebP image.";

    /// <summary>Raises the body limit for this request only: three photos of 8 MB are near the server's default.</summary>
    public static void AllowLargeBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
    }

    /// <summary>Reads the form's <c>photos</c> within the limits; an error instead of the bytes when there are too many or one is too large.</summary>
    public static async Task<(IReadOnlyList<byte[]> Photos, string? Error)> ReadAsync(IFormFileCollection files, CancellationToken ct)
    {
        var chosen = files.GetFiles("photos").Where(f => f.Length > 0).ToList();
        if (chosen.Count > IncidentPhoto.MaxPerIncident)
        {
            return ([], TooMany);
        }

        var photos = new List<byte[]>();
        foreach (var file in chosen)
        {
            await using var stream = file.OpenReadStream();
            var bytes = await UploadInspector.ReadLimitedAsync(stream, IncidentPhoto.MaxBytes, ct);
            if (bytes is null)
            {
                return ([], TooLarge);
            }

            photos.Add(bytes);
        }

        return (photos, null);
    }

    /// <summary>Sniffs and re-encodes every photo before anything is stored; null when one is not a decodable image.</summary>
    public static List<SanitizedImage>? Sanitise(IReadOnlyList<byte[]> photos)
    {
        var clean = new List<SanitizedImage>();
        foreach (var photo in photos)
        {
            if (!UploadInspector.IsImage(UploadInspector.Sniff(photo)) || ImageSanitizer.Reencode(photo) is not { } image)
            {
                return null;
            }

            clean.Add(image);
        }

        return clean;
    }

    /// <summary>
    /// Puts the images into blob storage and adds their rows to the incident, then saves (<see cref="BlobUploads"/>): if
    /// the save fails the blobs are removed again, so a failed incident leaves no orphaned photo behind.
    /// </summary>
    public static Task SaveWithPhotosAsync(PpsDb db, IBlobStore blobs, Incident incident, IReadOnlyList<SanitizedImage> images, Guid memberId, DateTimeOffset now, ILogger log, CancellationToken ct)
        => blobs.PutThenSaveAsync("watch", images.Select(i => new BlobUpload(i.Bytes, i.ContentType)), async keys =>
        {
            foreach (var (image, key) in images.Zip(keys))
            {
                var photo = new IncidentPhoto
                {
                    TenantId = incident.TenantId, IncidentId = incident.Id, BlobKey = key, ContentType = image.ContentType, Size = image.Bytes.Length,
                    AddedBy = memberId, AddedAt = now,
                };
                incident.Photos.Add(photo);
                db.IncidentPhotos.Add(photo);
            }

            return await db.SaveChangesAsync(ct);
        }, log, ct);
}

internal static class PhotoRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<byte[]>> WithinPhotoLimits<T>(this IRuleBuilder<T, IReadOnlyList<byte[]>> rule)
        => rule.Must(p => p.Count <= IncidentPhoto.MaxPerIncident).WithMessage(IncidentPhotoFiles.TooMany)
            .Must(p => p.All(b => b.Length <= IncidentPhoto.MaxBytes)).WithMessage(IncidentPhotoFiles.TooLarge);
}

/// <summary>
/// Adds photos to a logged incident (the reporter, the estate's board or staff), up to three in total. Others who may
/// read the incident are refused (403); anyone else learns nothing (404).
/// </summary>
public sealed record AddIncidentPhotos(Guid IncidentId) : ICommand<Result<IncidentView>>
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<byte[]> Photos { get; init; } = [];
}

internal sealed class AddIncidentPhotosValidator : AbstractValidator<AddIncidentPhotos>
{
    public AddIncidentPhotosValidator()
    {
        RuleFor(c => c.Photos).NotEmpty().WithMessage("Choose at least one photo.").WithinPhotoLimits();
    }
}

internal sealed class AddIncidentPhotosHandler(PpsDb db, WatchAccess access, IBlobStore blobs, IAuditLog audit, IMediator mediator, TimeProvider clock, ILogger<AddIncidentPhotosHandler> log)
    : ICommandHandler<AddIncidentPhotos, Result<IncidentView>>
{
    public async ValueTask<Result<IncidentView>> Handle(AddIncidentPhotos cmd, CancellationToken ct)
    {
        var incident = await db.Incidents.Include(i => i.Photos).SingleOrDefaultAsync(i => i.Id == cmd.IncidentId, ct);
        if (incident is null || !access.CanSeeIncidents(incident.EstateId))
        {
            return Result<IncidentView>.NotFound("No such incident.");
        }

        if (!access.MayCurate(incident))
        {
            return Result<IncidentView>.Forbidden("Only the reporter, the estate's board and staff add photos.");
        }

        if (incident.Photos.Count + cmd.Photos.Count > IncidentPhoto.MaxPerIncident)
        {
            return Result<IncidentView>.Invalid("photos", IncidentPhotoFiles.TooMany);
        }

        if (IncidentPhotoFiles.Sanitise(cmd.Photos) is not { } images)
        {
            return Result<IncidentView>.Invalid("photos", IncidentPhotoFiles.NotAnImage);
        }

        audit.Add("watch.incident.photos-added", $"incident:{incident.Id}", detail: $"count={images.Count}");
        await IncidentPhotoFiles.SaveWithPhotosAsync(db, blobs, incident, images, access.MemberId, clock.GetUtcNow(), log, ct);
        return await mediator.Send(new GetIncident(incident.Id), ct);
    }
}

/// <summary>A photo of an incident, for whoever may read the incident.</summary>
public sealed record GetIncidentPhoto(Guid IncidentId, Guid PhotoId) : IQuery<Result<BlobContent>>;

internal sealed class GetIncidentPhotoHandler(PpsDb db, WatchAccess access, IBlobStore blobs) : IQueryHandler<GetIncidentPhoto, Result<BlobContent>>
{
    public async ValueTask<Result<BlobContent>> Handle(GetIncidentPhoto q, CancellationToken ct)
    {
        var estateId = await db.Incidents.Where(i => i.Id == q.IncidentId).Select(i => (Guid?)i.EstateId).SingleOrDefaultAsync(ct);
        if (estateId is not { } e || !access.CanSeeIncidents(e))
        {
            return Result<BlobContent>.NotFound();
        }

        var photo = await db.IncidentPhotos.SingleOrDefaultAsync(p => p.Id == q.PhotoId && p.IncidentId == q.IncidentId, ct);
        var content = photo is null ? null : await blobs.OpenAsync(photo.BlobKey, ct);
        return content is null ? Result<BlobContent>.NotFound() : Result<BlobContent>.Ok(content);
    }
}
