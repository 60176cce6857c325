using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Alerts;

/// <summary>Who may alert whom: OOV and EZ anyone in their tenant; a board member only the estates they are on the board of.</summary>
public static class AlertAccess
{
    public static bool IsAlertStaff(this ICurrentMember me) => me.IsInRole(Roles.Oov) || me.IsInRole(Roles.Ez);

    public static bool MayPost(this ICurrentMember me) => me.TenantId is not null && (me.IsAlertStaff() || me.BoardEstates().Count > 0);

    public static IReadOnlyCollection<Guid> BoardEstates(this ICurrentMember me) => me.Estates.Where(e => me.HasEstateRole(Roles.Board, e)).ToArray();

    /// <summary>Poster and municipal staff see who has and has not acknowledged.</summary>
    public static bool MaySeeReceipts(this ICurrentMember me, Alert alert) => alert.PostedBy == me.Id || me.IsStaff;

    /// <summary>Roles an alert can target (the platform administrator is nobody's audience).</summary>
    public static readonly string[] TargetRoles = [.. Roles.TenantRoles, .. Roles.EstateRoles];
}
