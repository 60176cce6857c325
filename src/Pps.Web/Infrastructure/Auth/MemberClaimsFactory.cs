using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>Builds the member's claims (tenant, roles, estate roles, vetting) at sign-in, for the cookie and the bearer token alike.</summary>
internal sealed class MemberClaimsFactory(
    UserManager<Member> users,
    IOptions<IdentityOptions> options,
    PpsDb db) : UserClaimsPrincipalFactory<Member>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member member)
    {
        var identity = await base.GenerateClaimsAsync(member);
        identity.AddClaim(new Claim(PpsClaims.MemberId, member.Id.ToString()));
        identity.AddClaim(new Claim(PpsClaims.DisplayName, member.DisplayName));
        identity.AddClaim(new Claim(PpsClaims.Vetting, member.VettingLevel.ToString()));
        if (member.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PpsClaims.TwoFactor, "on"));
        }

        if (member.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(PpsClaims.TenantId, tenantId.ToString()));
        }

        var assignments = await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => r.MemberId == member.Id)
            .Select(r => new { r.Role, r.EstateId })
            .ToListAsync();
        foreach (var a in assignments)
        {
            identity.AddClaim(a.EstateId is { } estateId
                ? new Claim(PpsClaims.EstateRole, $"{a.Role}:{estateId}")
                : new Claim(ClaimTypes.Role, a.Role));
        }

        return identity;
    }
}
