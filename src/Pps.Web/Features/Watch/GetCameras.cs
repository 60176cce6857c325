using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

/// <summary>
/// The camera register: for staff and police every active camera of the tenant (optionally of one estate); for anyone else
/// only the cameras of their own business (<see cref="Mine"/>). Others never learn a camera exists.
/// </summary>
public sealed record GetCameras(Guid? EstateId, bool Mine) : IQuery<Result<IReadOnlyList<CameraView>>>;

internal sealed class GetCamerasHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetCameras, Result<IReadOnlyList<CameraView>>>
{
    public static CameraView View(Camera c, string organisation)
        => new(c.Id, c.EstateId, c.UnitId, organisation, c.Longitude, c.Latitude, c.DirectionDegrees, c.Covers, c.RetentionDays, c.Contact, c.CreatedAt, c.UpdatedAt);

    public async ValueTask<Result<IReadOnlyList<CameraView>>> Handle(GetCameras q, CancellationToken ct)
    {
        var query = db.Cameras.Where(c => c.WithdrawnAt == null);
        if (q.Mine)
        {
            var organisationId = await db.Members.Where(m => m.Id == me.Id).Select(m => m.OrganisationId).SingleOrDefaultAsync(ct);
            query = query.Where(c => c.OrganisationId == organisationId);
        }
        else if (!(me.IsStaff || me.IsInRole(Roles.Police)))
        {
            return Result<IReadOnlyList<CameraView>>.NotFound();
        }

        if (q.EstateId is { } estateId)
        {
            query = query.Where(c => c.EstateId == estateId);
        }

        var rows = await query.OrderBy(c => c.CreatedAt).Take(2000)
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { Camera = c, o.Name })
            .ToListAsync(ct);
        return Result<IReadOnlyList<CameraView>>.Ok(rows.Select(r => View(r.Camera, r.Name)).ToList());
    }
}
