namespace Pps.Web.Infrastructure.Auth;

/// <summary>
/// Role names. Tenant roles are held in a tenant; estate roles on one estate. Claims carry tenant roles as
/// <see cref="System.Security.Claims.ClaimTypes.Role"/> and estate roles as <see cref="PpsClaims.EstateRole"/>
/// with the value <c>role:estateId</c>.
/// </summary>
public static class Roles
{
    /// <summary>Platform administrator: tenants, estates, organisations, roles, retention, audit. No tenant.</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>Openbare Orde en Veiligheid: manages the own tenant, reads the audit log.</summary>
    public const string Oov = "oov";

    /// <summary>May read and handle confidential signals (OOV, regisseur ondermijning).</summary>
    public const string Signals = "signals";

    /// <summary>Economische Zaken account manager: confirms vetting, sees all estates.</summary>
    public const string Ez = "ez";

    /// <summary>Ruimtelijke Ordening: zoning and permits.</summary>
    public const string Ro = "ro";

    /// <summary>Vergunningverlening, Toezicht en Handhaving.</summary>
    public const string Vvh = "vvh";

    /// <summary>Reads reports of improper influence.</summary>
    public const string IntegrityOfficer = "integrity-officer";

    /// <summary>Police partner (wijkagent).</summary>
    public const string Police = "police";

    public const string FireService = "fire-service";

    /// <summary>Raadslid: a member of the municipal council. May report improper influence; reads nothing confidential.</summary>
    public const string Council = "council";

    /// <summary>Estate role: board member of the estate's association.</summary>
    public const string Board = "board";

    /// <summary>Estate role: entrepreneur on the estate.</summary>
    public const string Entrepreneur = "entrepreneur";

    public static readonly string[] TenantRoles = [Oov, Signals, Ez, Ro, Vvh, IntegrityOfficer, Police, FireService, Council];

    public static readonly string[] EstateRoles = [Board, Entrepreneur];

    /// <summary>Municipal staff: the departments.</summary>
    public static readonly string[] Staff = [Oov, Ez, Ro, Vvh];

    public static readonly string[] Partners = [Police, FireService];

    public static bool IsKnown(string role)
        => role == PlatformAdmin || TenantRoles.Contains(role) || EstateRoles.Contains(role);

    public static bool IsEstateRole(string role) => EstateRoles.Contains(role);
}

public static class PpsClaims
{
    public const string MemberId = "pps:member";
    public const string TenantId = "pps:tenant";
    public const string EstateRole = "pps:estate-role";
    public const string Vetting = "pps:vetting";
    public const string DisplayName = "pps:name";

    /// <summary>"on" when the member had two-factor log-in on at sign-in (turning it on or off rotates the stamp).</summary>
    public const string TwoFactor = "pps:2fa";
}
