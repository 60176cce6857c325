using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>The organiser records what the schouw saw at one spot; a photo is re-encoded (no EXIF/GPS) before it is stored.</summary>
public sealed record RecordFinding(Guid MeetingId, string Description, double Longitude, double Latitude, Guid? EstateId = null, byte[]? Photo = null)
    : ICommand<Result<FindingRecorded>>;

public sealed record FindingRecorded(Guid Id);

internal sealed class RecordFindingValidator : AbstractValidator<RecordFinding>
{
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    public RecordFindingValidator()
    {
        RuleFor(c => c.Description).NotEmpty().MaximumLength(2000);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
        RuleFor(c => c.Photo).Must(p => p is null || p.Length <= MaxPhotoBytes).WithMessage("A photo is at most 10 MB.");
    }
}

internal sealed class RecordFindingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit, IBlobStore blobs, ILogger<RecordFindingHandler> log) : ICommandHandler<RecordFinding, Result<FindingRecorded>>
{
    public async ValueTask<Result<FindingRecorded>> Handle(RecordFinding cmd, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, cmd.MeetingId, ct);
        if (meeting is null)
        {
            return Result<FindingRecorded>.NotFound();
        }

        var estateId = cmd.EstateId ?? meeting.Estates.Select(e => e.EstateId).FirstOrDefault();
        if (!meeting.Estates.Any(e => e.EstateId == estateId))
        {
            return Result<FindingRecorded>.Invalid("estateId", "The estate must be one of the meeting's estates.");
        }

        BlobUpload[] photos = [];
        if (cmd.Photo is { Length: > 0 } photo)
        {
            if (!UploadInspector.IsImage(UploadInspector.Sniff(photo)) || ImageSanitizer.Reencode(photo) is not { } clean)
            {
                return Result<FindingRecorded>.Invalid("photo", "The photo must be a PNG, JPEG, GIF or WebP image.");
            }

            photos = [new BlobUpload(clean.Bytes, clean.ContentType)];
        }

        return await blobs.PutThenSaveAsync("meetings", photos, async keys =>
        {
            var finding = new Finding
            {
                TenantId = meeting.TenantId,
                MeetingId = meeting.Id,
                EstateId = estateId,
                Description = cmd.Description.Trim(),
                Longitude = cmd.Longitude,
                Latitude = cmd.Latitude,
                PhotoKey = keys.Count > 0 ? keys[0] : null,
                RecordedBy = me.Id,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Findings.Add(finding);
            audit.Add("meeting.finding-recorded", $"finding:{finding.Id}");
            await db.SaveChangesAsync(ct);
            return Result<FindingRecorded>.Created(new FindingRecorded(finding.Id));
        }, log, ct);
    }
}

/// <summary>Turns a finding into an action on the estate's action plan (once).</summary>
public sealed record MakeActionFromFinding(Guid FindingId, Guid? OwnerMemberId = null, Guid? OwnerOrganisationId = null, DateOnly? DueDate = null) : ICommand<Result<ActionCreated>>;

internal sealed class MakeActionFromFindingValidator : AbstractValidator<MakeActionFromFinding>
{
    public MakeActionFromFindingValidator()
        => RuleFor(c => c.OwnerOrganisationId).Null().When(c => c.OwnerMemberId is not null).WithMessage("An action has one owner: a member or an organisation.");
}

internal sealed class MakeActionFromFindingHandler(PpsDb db, ICurrentMember me, TimeProvider clock, IAuditLog audit) : ICommandHandler<MakeActionFromFinding, Result<ActionCreated>>
{
    public async ValueTask<Result<ActionCreated>> Handle(MakeActionFromFinding cmd, CancellationToken ct)
    {
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == cmd.FindingId, ct);
        if (finding is null || !await db.Meetings.AnyAsync(m => m.Id == finding.MeetingId && m.OrganiserId == me.Id, ct))
        {
            return Result<ActionCreated>.NotFound();
        }

        if (finding.ActionItemId is { } existing)
        {
            return Result<ActionCreated>.Ok(new ActionCreated(existing));
        }

        if (await ActionOwners.CheckAsync(db, cmd.OwnerMemberId, cmd.OwnerOrganisationId, ct) is { } field)
        {
            return Result<ActionCreated>.Invalid(field, "No such owner in your municipality.");
        }

        var title = finding.Description.Length > 500 ? finding.Description[..500] : finding.Description;
        var action = new ActionItem
        {
            TenantId = finding.TenantId,
            MeetingId = finding.MeetingId,
            EstateId = finding.EstateId,
            Title = title,
            OwnerMemberId = cmd.OwnerMemberId,
            OwnerOrganisationId = cmd.OwnerOrganisationId,
            DueDate = cmd.DueDate,
            FindingId = finding.Id,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ActionItems.Add(action);
        finding.ActionItemId = action.Id;
        audit.Add("meeting.finding-to-action", $"finding:{finding.Id}");
        await db.SaveChangesAsync(ct);
        return Result<ActionCreated>.Created(new ActionCreated(action.Id));
    }
}
