using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

/// <summary>The roles of one member as the library matches them: role names (tenant and estate roles) and estates.</summary>
public sealed record MemberRoleSet(Guid MemberId, IReadOnlySet<string> Roles, IReadOnlySet<Guid> Estates, IReadOnlySet<(string Role, Guid Estate)> EstateRoles)
{
    public bool IsEditor => Roles.Contains(Infrastructure.Auth.Roles.Oov) || Roles.Contains(Infrastructure.Auth.Roles.Ez) || Roles.Contains(Infrastructure.Auth.Roles.PlatformAdmin);

    public static MemberRoleSet From(Guid memberId, IEnumerable<(string Role, Guid? Estate)> assignments)
    {
        var list = assignments.ToList();
        return new MemberRoleSet(
            memberId,
            list.Select(a => a.Role).ToHashSet(StringComparer.Ordinal),
            list.Where(a => a.Estate is not null).Select(a => a.Estate!.Value).ToHashSet(),
            list.Where(a => a.Estate is not null).Select(a => (a.Role, a.Estate!.Value)).ToHashSet());
    }
}

/// <summary>Who may see, must read and edit which library documents. Shared by the library, the read-confirmations and onboarding.</summary>
public static class LibraryAccess
{
    public static bool IsMustReadFor(LibraryDocument d, MemberRoleSet m)
        => d.MustReadRoleList.Any(m.Roles.Contains) || d.MustReadEstateList.Any(m.Estates.Contains);

    public static bool IsVisibleTo(LibraryDocument d, MemberRoleSet m)
        => m.IsEditor || d.AudienceList.Count == 0 || d.AudienceList.Any(m.Roles.Contains) || IsMustReadFor(d, m);

    public static bool IsEditor(ICurrentMember me)
        => me.IsInRole(Roles.PlatformAdmin) || (me.TenantId is not null && (me.IsInRole(Roles.Oov) || me.IsInRole(Roles.Ez)));

    /// <summary>The caller's roles from their claims (what they were signed in with).</summary>
    public static MemberRoleSet Of(ICurrentMember me)
    {
        var roles = new List<(string, Guid?)>();
        foreach (var role in Roles.TenantRoles.Append(Roles.PlatformAdmin).Where(me.IsInRole))
        {
            roles.Add((role, null));
        }

        foreach (var claim in me.Principal.FindAll(PpsClaims.EstateRole))
        {
            var parts = claim.Value.Split(':');
            if (parts.Length == 2 && Guid.TryParse(parts[1], out var estate))
            {
                roles.Add((parts[0], estate));
            }
        }

        return MemberRoleSet.From(me.Id, roles);
    }

    /// <summary>Roles of many members at once, from the database (for reminders, confirmations and the onboarding funnel).</summary>
    public static async Task<Dictionary<Guid, MemberRoleSet>> RolesOfAsync(PpsDb db, IReadOnlyCollection<Guid> memberIds, CancellationToken ct)
    {
        var rows = await db.RoleAssignments.Where(r => memberIds.Contains(r.MemberId))
            .Select(r => new { r.MemberId, r.Role, r.EstateId }).ToListAsync(ct);
        return memberIds.ToDictionary(
            id => id,
            id => MemberRoleSet.From(id, rows.Where(r => r.MemberId == id).Select(r => (r.Role, r.EstateId))));
    }
}
