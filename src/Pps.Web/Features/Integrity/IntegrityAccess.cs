using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Integrity;

/// <summary>
/// Who may use the improper-influence route as a member: municipal officials (staff roles), council members and
/// association board members. Anyone may use the account-less route, which stores no identity to check.
/// </summary>
public static class IntegrityAccess
{
    public static bool MayReport(ICurrentMember me)
        => me.IsAuthenticated && me.TenantId is not null
           && (me.IsStaff || me.IsInRole(Roles.Council) || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e)));
}
