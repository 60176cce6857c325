using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

/// <summary>An invitation rule as the organiser gives it: <c>estate</c>, <c>role</c>, <c>organisation</c> or <c>person</c> with an id or role name.</summary>
public sealed record InviteRule(InvitationRuleKind Kind, string Value);

/// <summary>
/// Resolves invitation rules to members at invite time, inside the caller's tenant (the tenant filter applies):
/// an id of another tenant's estate, organisation or member is simply not found, and reported as such.
/// </summary>
internal static class InvitationResolver
{
    public const string Field = "invite";

    public static async Task<(HashSet<Guid>? Members, string? Error)> ResolveAsync(PpsDb db, IReadOnlyCollection<Guid> meetingEstates, IEnumerable<InviteRule> rules, CancellationToken ct)
    {
        var members = new HashSet<Guid>();
        var estates = meetingEstates.ToArray();
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case InvitationRuleKind.Estate:
                {
                    if (!Guid.TryParse(rule.Value, out var estateId) || !await db.Estates.AnyAsync(e => e.Id == estateId, ct))
                    {
                        return (null, $"No such estate in your municipality: {rule.Value}.");
                    }

                    members.UnionWith(await db.RoleAssignments.Where(r => r.EstateId == estateId).Select(r => r.MemberId).ToListAsync(ct));
                    break;
                }

                case InvitationRuleKind.Role:
                {
                    if (!Roles.IsKnown(rule.Value) || rule.Value == Roles.PlatformAdmin)
                    {
                        return (null, $"Unknown role: {rule.Value}.");
                    }

                    var role = rule.Value;
                    var query = db.RoleAssignments.Where(r => r.Role == role);
                    if (Roles.IsEstateRole(role))
                    {
                        // An estate role means: holders of it on this meeting's estates.
                        query = query.Where(r => r.EstateId != null && estates.Contains(r.EstateId.Value));
                    }

                    members.UnionWith(await query.Select(r => r.MemberId).ToListAsync(ct));
                    break;
                }

                case InvitationRuleKind.Organisation:
                {
                    if (!Guid.TryParse(rule.Value, out var organisationId) || !await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
                    {
                        return (null, $"No such organisation in your municipality: {rule.Value}.");
                    }

                    members.UnionWith(await db.Members.Where(m => m.OrganisationId == organisationId).Select(m => m.Id).ToListAsync(ct));
                    break;
                }

                case InvitationRuleKind.Person:
                {
                    if (!Guid.TryParse(rule.Value, out var memberId) || !await db.Members.AnyAsync(m => m.Id == memberId && m.TenantId != null, ct))
                    {
                        return (null, $"No such member in your municipality: {rule.Value}.");
                    }

                    members.Add(memberId);
                    break;
                }

                default:
                    return (null, "Unknown kind of invitation.");
            }
        }

        // Erased members are not invited; members are filtered by tenant already.
        var live = await db.Members.Where(m => members.Contains(m.Id) && m.ErasedAt == null && m.TenantId != null).Select(m => m.Id).ToListAsync(ct);
        return (live.ToHashSet(), null);
    }
}
