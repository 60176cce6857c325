using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Live;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Gives a member a tenant role (<see cref="EstateId"/> null) or an estate role. An OOV manages members of their
/// own tenant only; only the platform administrator grants the platform-administrator role. Takes effect at once on
/// the member's hub connections and at their next sign-in elsewhere (the security stamp rotates).
/// </summary>
public sealed record AssignRole(Guid MemberId, string Role, Guid? EstateId) : ICommand<Result<RoleAssigned>>;

public sealed record RoleAssigned(Guid Id, Guid MemberId, string Role, Guid? EstateId);

internal sealed class AssignRoleValidator : AbstractValidator<AssignRole>
{
    public AssignRoleValidator()
    {
        RuleFor(c => c.Role).NotEmpty().MaximumLength(40)
            .Must(r => r is null || Roles.IsKnown(r)).WithMessage("Unknown role.");
        When(c => c.Role is not null && Roles.IsEstateRole(c.Role), () =>
            RuleFor(c => c.EstateId).NotNull().WithMessage("An estate role needs the estate."));
        When(c => c.Role is not null && Roles.IsKnown(c.Role) && !Roles.IsEstateRole(c.Role), () =>
            RuleFor(c => c.EstateId).Null().WithMessage("This role is held in the whole municipality, not on one estate."));
    }
}

internal sealed class AssignRoleHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<AssignRole, Result<RoleAssigned>>
{
    public async ValueTask<Result<RoleAssigned>> Handle(AssignRole cmd, CancellationToken ct)
    {
        // The member filter already limits an OOV to their own tenant: another tenant's member is simply not found.
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == cmd.MemberId, ct);
        if (member is null || (!me.IsPlatformAdmin() && member.TenantId != me.TenantId))
        {
            return Result<RoleAssigned>.NotFound();
        }

        if (cmd.Role == Roles.PlatformAdmin && !me.IsPlatformAdmin())
        {
            return Result<RoleAssigned>.Forbidden("Only a platform administrator grants that role.");
        }

        if (cmd.Role != Roles.PlatformAdmin && member.TenantId is null)
        {
            return Result<RoleAssigned>.Invalid("role", "This account belongs to no municipality, so it cannot hold a municipal or estate role.");
        }

        if (cmd.EstateId is { } estateId
            && !await db.Estates.IgnoreQueryFilters().AnyAsync(e => e.Id == estateId && e.TenantId == member.TenantId, ct))
        {
            return Result<RoleAssigned>.Invalid("estateId", "No such estate in the member's municipality.");
        }

        if (await db.RoleAssignments.IgnoreQueryFilters().AnyAsync(r => r.MemberId == member.Id && r.Role == cmd.Role && r.EstateId == cmd.EstateId, ct))
        {
            return Result<RoleAssigned>.Conflict("The member already holds this role.");
        }

        var assignment = new RoleAssignment
        {
            TenantId = cmd.Role == Roles.PlatformAdmin ? null : member.TenantId,
            MemberId = member.Id,
            Role = cmd.Role,
            EstateId = cmd.EstateId,
            AssignedAt = clock.GetUtcNow(),
            AssignedBy = me.Id,
        };
        db.RoleAssignments.Add(assignment);
        // Roles travel in the cookie, the token and a hub connection's principal: rotate the stamp so all of them are renewed.
        await db.RevokeSessionsAsync(member.Id, SessionRevocation.RightsChanged, ct);
        audit.AddInTenant(db, member.TenantId, "member.role-assigned", $"member:{member.Id}", RoleDetail(assignment));
        await db.SaveChangesAsync(ct);
        return Result<RoleAssigned>.Created(new RoleAssigned(assignment.Id, member.Id, assignment.Role, assignment.EstateId));
    }

    internal static string RoleDetail(RoleAssignment a)
        => a.EstateId is { } e ? $"role={a.Role}; estate={e}; assignment={a.Id}" : $"role={a.Role}; assignment={a.Id}";
}
