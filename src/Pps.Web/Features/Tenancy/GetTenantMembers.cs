using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Members with their roles, for role administration: an OOV sees their own tenant, the platform administrator the
/// chosen tenant (or, without one, every account, including the tenant-less platform administrators).
/// </summary>
public sealed record GetTenantMembers(Guid? TenantId, string? Q, int Page = 1) : IQuery<Result<MemberPage>>;

public sealed record MemberPage(IReadOnlyList<MemberRoles> Items, int Page, int PageSize, int Total);

public sealed record MemberRoles(Guid Id, string DisplayName, string Email, Guid? TenantId, IReadOnlyList<MemberRole> Roles);

public sealed record MemberRole(Guid AssignmentId, string Role, Guid? EstateId, string? EstateName);

internal sealed class GetTenantMembersValidator : AbstractValidator<GetTenantMembers>
{
    public GetTenantMembersValidator()
    {
        RuleFor(q => q.Q).MaximumLength(AdminScope.MaxSearch);
        RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
    }
}

internal sealed class GetTenantMembersHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetTenantMembers, Result<MemberPage>>
{
    public const int PageSize = 50;

    public async ValueTask<Result<MemberPage>> Handle(GetTenantMembers query, CancellationToken ct)
    {
        var members = db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.ErasedAt == null);
        if (me.IsPlatformAdmin())
        {
            if (query.TenantId is { } chosen)
            {
                members = members.Where(m => m.TenantId == chosen);
            }
        }
        else if (me.TenantId is { } own)
        {
            members = members.Where(m => m.TenantId == own);
        }
        else
        {
            return Result<MemberPage>.Forbidden();
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLower();
            members = members.Where(m => m.DisplayName.ToLower().Contains(q) || m.NormalizedEmail!.ToLower().Contains(q));
        }

        var total = await members.CountAsync(ct);
        var page = await members.OrderBy(m => m.DisplayName).ThenBy(m => m.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .Select(m => new { m.Id, m.DisplayName, m.Email, m.TenantId })
            .ToListAsync(ct);
        var ids = page.Select(m => m.Id).ToList();
        var roles = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.MemberId))
            .GroupJoin(db.Estates.IgnoreQueryFilters(), r => r.EstateId, e => e.Id, (r, e) => new { r, e })
            .SelectMany(x => x.e.DefaultIfEmpty(), (x, e) => new { x.r.MemberId, x.r.Id, x.r.Role, x.r.EstateId, EstateName = e == null ? null : e.Name })
            .ToListAsync(ct);
        var items = page.Select(m => new MemberRoles(m.Id, m.DisplayName, m.Email ?? "", m.TenantId,
                roles.Where(r => r.MemberId == m.Id).OrderBy(r => r.Role).ThenBy(r => r.EstateName)
                    .Select(r => new MemberRole(r.Id, r.Role, r.EstateId, r.EstateName)).ToList()))
            .ToList();
        return Result<MemberPage>.Ok(new MemberPage(items, query.Page, PageSize, total));
    }
}
