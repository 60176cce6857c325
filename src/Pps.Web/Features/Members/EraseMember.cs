using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>
/// Carries out a member's erasure request: personal fields are removed or replaced by a random placeholder, the
/// account can never sign in again, and the record stays so their posts show <see cref="Member.FormerMemberName"/>.
/// Only the platform administrator or the OOV of the member's own tenant may do this; others do not see the member.
/// </summary>
public sealed record EraseMember(Guid MemberId) : ICommand<Result>;

public sealed record ErasureRequest(Guid MemberId, string DisplayName, string Email, string? TenantName, DateTimeOffset RequestedAt);

/// <summary>Open erasure requests the caller may carry out (own tenant for OOV, all for the platform administrator).</summary>
public sealed record GetErasureRequests : IQuery<IReadOnlyList<ErasureRequest>>;

internal sealed class GetErasureRequestsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetErasureRequests, IReadOnlyList<ErasureRequest>>
{
    public async ValueTask<IReadOnlyList<ErasureRequest>> Handle(GetErasureRequests query, CancellationToken ct)
    {
        var admin = me.IsInRole(Roles.PlatformAdmin);
        if (!admin && !(me.IsInRole(Roles.Oov) && me.TenantId is not null))
        {
            return [];
        }

        var tenantId = me.TenantId;
        var rows = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ErasureRequestedAt != null && m.ErasedAt == null && (admin || m.TenantId == tenantId))
            .Select(m => new { m.Id, m.DisplayName, m.Email, m.TenantId, RequestedAt = m.ErasureRequestedAt!.Value })
            .ToListAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return rows.OrderBy(r => r.RequestedAt)
            .Select(r => new ErasureRequest(r.Id, r.DisplayName, r.Email ?? "", r.TenantId is { } t && tenants.TryGetValue(t, out var n) ? n : null, r.RequestedAt))
            .ToList();
    }
}

internal sealed class EraseMemberHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<EraseMember, Result>
{
    public async ValueTask<Result> Handle(EraseMember cmd, CancellationToken ct)
    {
        var member = await db.Members.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.Id == cmd.MemberId, ct);
        var admin = me.IsInRole(Roles.PlatformAdmin);
        var oovOfTenant = me.IsInRole(Roles.Oov) && me.TenantId is { } tid && member?.TenantId == tid;
        if (member is null || !(admin || oovOfTenant))
        {
            return Result.NotFound();
        }

        if (member.ErasedAt is not null)
        {
            return Result.Ok();
        }

        if (member.ErasureRequestedAt is null)
        {
            return Result.Conflict("This member has not asked for erasure.");
        }

        if (member.Id == me.Id)
        {
            return Result.Conflict("Another administrator must carry out your own erasure.");
        }

        var now = clock.GetUtcNow();
        var oldEmail = member.Email;

        // A random placeholder, not a hash of the address: nothing can be recomputed from a known e-mail.
        var placeholder = $"erased-{Guid.NewGuid():N}@erased.invalid";
        member.Email = placeholder;
        member.NormalizedEmail = placeholder.ToUpperInvariant();
        member.UserName = placeholder;
        member.NormalizedUserName = placeholder.ToUpperInvariant();
        member.EmailConfirmed = false;
        member.DisplayName = Member.FormerMemberName;
        member.PhoneNumber = null;
        member.PhoneNumberConfirmed = false;
        member.PasswordHash = null;
        member.TwoFactorEnabled = false;
        member.SharePhone = false;
        member.ShareEmail = false;
        member.StatedKvkNumber = null;
        member.StatedBranchNumber = null;
        member.LockoutEnabled = true;
        member.LockoutEnd = DateTimeOffset.MaxValue;
        member.SecurityStamp = Guid.NewGuid().ToString();
        member.ConcurrencyStamp = Guid.NewGuid().ToString();
        member.ErasedAt = now;

        db.UserTokens.RemoveRange(await db.UserTokens.Where(x => x.UserId == member.Id).ToListAsync(ct));
        db.UserLogins.RemoveRange(await db.UserLogins.Where(x => x.UserId == member.Id).ToListAsync(ct));
        db.UserClaims.RemoveRange(await db.UserClaims.Where(x => x.UserId == member.Id).ToListAsync(ct));
        db.RoleAssignments.RemoveRange(await db.RoleAssignments.IgnoreQueryFilters().Where(r => r.MemberId == member.Id).ToListAsync(ct));
        if (oldEmail is not null)
        {
            db.OutboundEmails.RemoveRange(await db.OutboundEmails.Where(e => e.To == oldEmail).ToListAsync(ct));
        }

        audit.Add("privacy.erased", $"member:{member.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
