using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

public sealed record CameraView(
    Guid Id, Guid EstateId, Guid UnitId, string Organisation, double Longitude, double Latitude, int DirectionDegrees, string Covers, int RetentionDays,
    string Contact, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);

/// <summary>
/// A business registers (or, with <see cref="CameraId"/>, updates) a camera. The business is the caller's organisation and
/// must occupy <see cref="UnitId"/>; a camera of another business is "not found".
/// </summary>
public sealed record RegisterCamera(
    Guid? CameraId, Guid UnitId, double Longitude, double Latitude, int DirectionDegrees, string Covers, int RetentionDays, string Contact)
    : ICommand<Result<CameraView>>;

internal sealed class RegisterCameraValidator : AbstractValidator<RegisterCamera>
{
    public const int MaxRetentionDays = 366;

    public RegisterCameraValidator()
    {
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
        RuleFor(c => c.DirectionDegrees).InclusiveBetween(0, 359);
        RuleFor(c => c.Covers).NotEmpty().MaximumLength(1000);
        RuleFor(c => c.RetentionDays).InclusiveBetween(1, MaxRetentionDays);
        RuleFor(c => c.Contact).NotEmpty().MaximumLength(300);
    }
}

internal sealed class RegisterCameraHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<RegisterCamera, Result<CameraView>>
{
    public async ValueTask<Result<CameraView>> Handle(RegisterCamera cmd, CancellationToken ct)
    {
        var organisationId = await db.Members.Where(m => m.Id == me.Id).Select(m => m.OrganisationId).SingleOrDefaultAsync(ct);
        Camera? camera = null;
        if (cmd.CameraId is { } cameraId)
        {
            camera = await db.Cameras.SingleOrDefaultAsync(c => c.Id == cameraId && c.WithdrawnAt == null, ct);
            if (camera is null || organisationId is null || camera.OrganisationId != organisationId)
            {
                return Result<CameraView>.NotFound("No such camera of your business.");
            }
        }

        var unit = organisationId is null ? null
            : await db.Units.SingleOrDefaultAsync(u => u.Id == cmd.UnitId && u.OccupantOrganisationId == organisationId, ct);
        if (unit is null)
        {
            return Result<CameraView>.Invalid("unitId", "Cameras are registered by the business occupying the unit.");
        }

        var now = clock.GetUtcNow();
        if (camera is null)
        {
            camera = new Camera
            {
                TenantId = unit.TenantId, OrganisationId = organisationId!.Value, Covers = "", Contact = "", CreatedAt = now,
            };
            db.Cameras.Add(camera);
            audit.Add("watch.camera.registered", $"camera:{camera.Id}");
        }
        else
        {
            camera.UpdatedAt = now;
            audit.Add("watch.camera.updated", $"camera:{camera.Id}");
        }

        camera.UnitId = unit.Id;
        camera.EstateId = unit.EstateId;
        camera.Longitude = cmd.Longitude;
        camera.Latitude = cmd.Latitude;
        camera.DirectionDegrees = cmd.DirectionDegrees;
        camera.Covers = cmd.Covers.Trim();
        camera.RetentionDays = cmd.RetentionDays;
        camera.Contact = cmd.Contact.Trim();
        await db.SaveChangesAsync(ct);
        var name = await db.Organisations.Where(o => o.Id == camera.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var view = GetCamerasHandler.View(camera, name);
        return cmd.CameraId is null ? Result<CameraView>.Created(view) : Result<CameraView>.Ok(view);
    }
}

/// <summary>The owning business withdraws a camera; it disappears from the register.</summary>
public sealed record WithdrawCamera(Guid CameraId) : ICommand<Result>;

internal sealed class WithdrawCameraHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<WithdrawCamera, Result>
{
    public async ValueTask<Result> Handle(WithdrawCamera cmd, CancellationToken ct)
    {
        var organisationId = await db.Members.Where(m => m.Id == me.Id).Select(m => m.OrganisationId).SingleOrDefaultAsync(ct);
        var camera = await db.Cameras.SingleOrDefaultAsync(c => c.Id == cmd.CameraId && c.WithdrawnAt == null, ct);
        if (camera is null || organisationId is null || camera.OrganisationId != organisationId)
        {
            return Result.NotFound("No such camera of your business.");
        }

        camera.WithdrawnAt = clock.GetUtcNow();
        audit.Add("watch.camera.withdrawn", $"camera:{camera.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
