using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Live;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Takes a role away from a member. Same boundaries as <see cref="AssignRole"/>; the last platform administrator
/// cannot be removed, or nobody could administer the platform any more.
/// </summary>
public sealed record RevokeRole(Guid MemberId, Guid AssignmentId) : ICommand<Result>;

internal sealed class RevokeRoleHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : ICommandHandler<RevokeRole, Result>
{
    public async ValueTask<Result> Handle(RevokeRole cmd, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == cmd.MemberId, ct);
        if (member is null || (!me.IsPlatformAdmin() && member.TenantId != me.TenantId))
        {
            return Result.NotFound();
        }

        // The member is in reach (checked above); the assignment must be one of theirs.
        var assignment = await db.RoleAssignments.IgnoreQueryFilters()
            .SingleOrDefaultAsync(r => r.Id == cmd.AssignmentId && r.MemberId == member.Id, ct);
        if (assignment is null)
        {
            return Result.NotFound();
        }

        if (assignment.Role == Roles.PlatformAdmin)
        {
            if (!me.IsPlatformAdmin())
            {
                return Result.Forbidden("Only a platform administrator revokes that role.");
            }

            if (await db.RoleAssignments.IgnoreQueryFilters().CountAsync(r => r.Role == Roles.PlatformAdmin, ct) <= 1)
            {
                return Result.Conflict("This is the last platform administrator.");
            }
        }

        db.RoleAssignments.Remove(assignment);
        await db.RevokeSessionsAsync(member.Id, SessionRevocation.RightsChanged, ct);
        audit.AddInTenant(db, member.TenantId, "member.role-revoked", $"member:{member.Id}", AssignRoleHandler.RoleDetail(assignment));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
