using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Files a signal (or an improper-influence report). <see cref="Photos"/> are the raw uploads, already read with the
/// size limit; they are sniffed and re-encoded here so no metadata survives. <see cref="Tenant"/> (a slug) is only
/// used by account-less reports, which have no tenant of their own.
/// </summary>
public sealed record ReportSignal(
    SignalRoute Route,
    ReportMode Mode,
    string Category,
    LocationKind LocationKind,
    Guid? EstateId,
    Guid? UnitId,
    double? Longitude,
    double? Latitude,
    string? Address,
    DateTimeOffset SeenAt,
    string Description,
    string? Tenant = null) : ICommand<Result<SignalReported>>
{
    public IReadOnlyList<byte[]> Photos { get; init; } = [];
}

/// <param name="FollowUpCode">Only for anonymous reports; shown once and never stored in readable form.</param>
public sealed record SignalReported(Guid Id, string Reference, string? FollowUpCode);

internal sealed class ReportSignalValidator : AbstractValidator<ReportSignal>
{
    public ReportSignalValidator(TimeProvider clock)
    {
        RuleFor(c => c.Category).Must((c, code) => SignalCategories.Find(c.Route, code) is not null).WithMessage("Choose a category from the list.");
        RuleFor(c => c.Description).NotEmpty().MaximumLength(SignalsOptions.MaxDescription);
        RuleFor(c => c.SeenAt)
            .Must(at => at <= clock.GetUtcNow().AddMinutes(10)).WithMessage("The moment you saw it cannot be in the future.")
            .Must(at => at >= clock.GetUtcNow().AddYears(-5)).WithMessage("The moment you saw it must be within the last five years.");
        RuleFor(c => c.Mode).IsInEnum();
        RuleFor(c => c.LocationKind).IsInEnum();
        RuleFor(c => c.UnitId).NotNull().When(c => c.LocationKind == LocationKind.Unit).WithMessage("Choose the premises.");
        RuleFor(c => c.EstateId).NotNull().When(c => c.LocationKind == LocationKind.Point).WithMessage("Choose the estate of the point.");
        RuleFor(c => c.Longitude).NotNull().InclusiveBetween(-180, 180).When(c => c.LocationKind == LocationKind.Point);
        RuleFor(c => c.Latitude).NotNull().InclusiveBetween(-90, 90).When(c => c.LocationKind == LocationKind.Point);
        RuleFor(c => c.Address).NotEmpty().When(c => c.LocationKind == LocationKind.Address).WithMessage("Enter the address.");
        RuleFor(c => c.Address).MaximumLength(300);
        RuleFor(c => c.Tenant).MaximumLength(80);
        RuleFor(c => c.Photos).Must(p => p.Count <= SignalsOptions.MaxPhotos).WithMessage($"At most {SignalsOptions.MaxPhotos} photos.")
            .Must(p => p.All(b => b.Length <= SignalsOptions.MaxPhotoBytes)).WithMessage("Each photo may be at most 8 MB.");
    }
}

internal sealed class ReportSignalHandler(PpsDb db, ICurrentMember me, ITenantContext tenants, IAuditLog audit, IBlobStore blobs, TimeProvider clock, ILogger<ReportSignalHandler> log)
    : ICommandHandler<ReportSignal, Result<SignalReported>>
{
    public async ValueTask<Result<SignalReported>> Handle(ReportSignal cmd, CancellationToken ct)
    {
        Guid tenantId;
        if (me.IsAuthenticated && me.TenantId is { } own)
        {
            tenantId = own;
        }
        else if (cmd.Mode != ReportMode.Anonymous)
        {
            return Result<SignalReported>.Invalid("mode", "Without an account a report can only be anonymous.");
        }
        else
        {
            var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Slug == cmd.Tenant, ct);
            if (tenant is null)
            {
                return Result<SignalReported>.Invalid("tenant", "Choose the municipality.");
            }

            tenantId = tenant.Id;
            tenants.Use(tenantId);
        }

        // An account-less report carries no identity to check; a signed-in member must be one the route is for.
        if (cmd.Route == SignalRoute.Integrity && me.IsAuthenticated && !Integrity.IntegrityAccess.MayReport(me))
        {
            return Result<SignalReported>.Forbidden();
        }

        var signal = new Signal
        {
            TenantId = tenantId,
            Route = cmd.Route,
            Reference = NewReference(cmd.Route),
            Category = cmd.Category,
            LocationKind = cmd.LocationKind,
            SeenAt = cmd.SeenAt.ToUniversalTime(),
            Description = cmd.Description.Trim(),
            Mode = cmd.Mode,
            ReporterId = cmd.Mode == ReportMode.Anonymous ? null : me.Id,
            Status = SignalStatus.Received,
            ReceivedAt = clock.GetUtcNow(),
            Address = string.IsNullOrWhiteSpace(cmd.Address) ? null : cmd.Address.Trim(),
        };

        if (await ResolveLocationAsync(cmd, signal, ct) is { } invalid)
        {
            return invalid;
        }

        var sanitised = new List<SanitizedImage>();
        foreach (var photo in cmd.Photos)
        {
            if (!UploadInspector.IsImage(UploadInspector.Sniff(photo)) || ImageSanitizer.Reencode(photo) is not { } clean)
            {
                return Result<SignalReported>.Invalid("photos", "Each photo must be a JPEG, PNG, GIF or WebP image.");
            }

            sanitised.Add(clean);
        }

        string? code = null;
        if (cmd.Mode == ReportMode.Anonymous)
        {
            code = FollowUpCode.New();
            var hash = FollowUpCode.Hash(code);
            signal.FollowUpHash = hash;
            signal.FollowUpLookup = FollowUpCode.Lookup(hash);
        }

        // Nothing half-written: photos of a report that was not saved are removed again.
        await blobs.PutThenSaveAsync("signals", sanitised.Select(i => new BlobUpload(i.Bytes, i.ContentType)), async keys =>
        {
            foreach (var (image, key) in sanitised.Zip(keys))
            {
                signal.Photos.Add(new SignalPhoto { TenantId = tenantId, BlobKey = key, ContentType = image.ContentType, Size = image.Bytes.Length });
            }

            db.Signals.Add(signal);
            SignalAccess.Append(db, signal, HistoryKind.Created, signal.ReceivedAt, null, visibleToReporter: true, to: SignalStatus.Received);
            var action = $"{SignalAccess.AuditPrefix(cmd.Route)}.reported";
            if (cmd.Mode == ReportMode.Anonymous)
            {
                SignalAccess.AuditAnonymous(db, clock.GetUtcNow(), signal, action);
            }
            else
            {
                audit.Add(action, SignalAccess.AuditObject(signal), detail: $"mode={cmd.Mode.ToString().ToLowerInvariant()}");
            }

            return await db.SaveChangesAsync(ct);
        }, log, ct);

        return Result<SignalReported>.Created(new SignalReported(signal.Id, signal.Reference, code));
    }

    private async Task<Result<SignalReported>?> ResolveLocationAsync(ReportSignal cmd, Signal signal, CancellationToken ct)
    {
        if (cmd.LocationKind == LocationKind.Unit)
        {
            var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == cmd.UnitId, ct);
            if (unit is null)
            {
                return Result<SignalReported>.Invalid("unitId", "No such premises in this municipality.");
            }

            signal.UnitId = unit.Id;
            signal.EstateId = unit.EstateId;
            return null;
        }

        if (cmd.EstateId is { } estateId)
        {
            var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == estateId, ct);
            if (estate is null)
            {
                return Result<SignalReported>.Invalid("estateId", "No such estate in this municipality.");
            }

            if (cmd.LocationKind == LocationKind.Point && !EstateOutline.Contains(estate.OutlineGeoJson, cmd.Longitude!.Value, cmd.Latitude!.Value))
            {
                return Result<SignalReported>.Invalid("longitude", "The point is not on the chosen estate.");
            }

            signal.EstateId = estateId;
        }

        if (cmd.LocationKind == LocationKind.Point)
        {
            signal.Longitude = cmd.Longitude;
            signal.Latitude = cmd.Latitude;
        }

        return null;
    }

    private static string NewReference(SignalRoute route)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[7];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return (route == SignalRoute.Integrity ? "I-" : "S-") + new string(chars);
    }
}
