using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>The caller's own member record, organisation, roles and estates.</summary>
public sealed record GetMe : IQuery<Result<MeDto>>;

public sealed record MeDto(
    Guid Id,
    string Email,
    string DisplayName,
    Guid? TenantId,
    string? TenantName,
    VettingLevel Vetting,
    OrganisationDto? Organisation,
    IReadOnlyList<string> Roles,
    IReadOnlyList<EstateRoleDto> Estates,
    string Culture,
    bool TwoFactorEnabled,
    bool EmailConfirmed);

public sealed record OrganisationDto(Guid Id, string Name, string Kind, string? KvkNumber, string? BranchNumber);

public sealed record EstateRoleDto(Guid Id, string Name, string Role);

internal sealed class GetMeHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMe, Result<MeDto>>
{
    public async ValueTask<Result<MeDto>> Handle(GetMe query, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == me.Id, ct);
        if (member is null)
        {
            return Result<MeDto>.NotFound();
        }

        var tenant = member.TenantId is { } tid ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tid, ct) : null;
        var organisation = member.OrganisationId is { } oid
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == oid)
                .Select(o => new OrganisationDto(o.Id, o.Name, o.Kind.ToString(), o.KvkNumber, o.BranchNumber)).SingleOrDefaultAsync(ct)
            : null;
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.MemberId == member.Id).ToListAsync(ct);
        var estateIds = roles.Where(r => r.EstateId != null).Select(r => r.EstateId!.Value).Distinct().ToList();
        var estates = await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        return Result<MeDto>.Ok(new MeDto(
            member.Id,
            member.Email ?? "",
            member.DisplayName,
            member.TenantId,
            tenant?.Name,
            member.VettingLevel,
            organisation,
            roles.Where(r => r.EstateId == null).Select(r => r.Role).Order().ToList(),
            roles.Where(r => r.EstateId is { } e && estates.ContainsKey(e))
                .Select(r => new EstateRoleDto(r.EstateId!.Value, estates[r.EstateId!.Value], r.Role)).ToList(),
            member.Culture,
            member.TwoFactorEnabled,
            member.EmailConfirmed));
    }
}
