using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Integrity;

/// <summary>
/// Who may use the improper-influence route: municipal officials (staff roles) and association board members. Council
/// members have no role in the hub yet; when one is added it belongs here.
/// </summary>
public static class IntegrityAccess
{
    public static bool MayReport(ICurrentMember me)
        => me.IsAuthenticated && me.TenantId is not null
           && (me.IsStaff || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e)));
}
