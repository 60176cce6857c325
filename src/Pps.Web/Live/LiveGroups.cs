namespace Pps.Web.Live;

/// <summary>The one place group names are made, so a broadcast and a join can never disagree.</summary>
public static class LiveGroups
{
    public static string Tenant(Guid tenantId) => $"t:{tenantId:N}";

    public static string Estate(Guid tenantId, Guid estateId) => $"t:{tenantId:N}:e:{estateId:N}";

    public static string Member(Guid memberId) => $"m:{memberId:N}";

    public static string Role(Guid tenantId, string role) => $"t:{tenantId:N}:r:{role}";

    public static string Board(Guid tenantId, Guid boardId) => $"t:{tenantId:N}:b:{boardId:N}";
}
