using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Who manages the directory's data. The use cases enforce these rules; pages use them only to offer the links a
/// member may follow (a link that ends in a refusal is a dead end).
/// </summary>
public static class DirectoryManagementAccess
{
    /// <summary>EZ (every estate of the tenant) and boards (their own estates) register occupants and handle suspensions.</summary>
    public static bool Governs(ICurrentMember me) => me.IsInRole(Roles.Ez) || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e));

    /// <summary>EZ and OOV import units and businesses from CSV.</summary>
    public static bool MayImport(ICurrentMember me) => me.IsInRole(Roles.Ez) || me.IsInRole(Roles.Oov);
}
