using System.Security.Claims;
using Pps.Web.Features.Members;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>Who is calling, read from the claims of the cookie or bearer token.</summary>
public interface ICurrentMember
{
    bool IsAuthenticated { get; }

    Guid Id { get; }

    Guid? TenantId { get; }

    VettingLevel Vetting { get; }

    bool IsInRole(string role);

    /// <summary>True when the member holds <paramref name="role"/> on <paramref name="estateId"/>.</summary>
    bool HasEstateRole(string role, Guid estateId);

    /// <summary>Estates where the member holds any estate role.</summary>
    IReadOnlyCollection<Guid> Estates { get; }

    bool IsStaff { get; }

    ClaimsPrincipal Principal { get; }
}

internal sealed class CurrentMember(IHttpContextAccessor http) : ICurrentMember
{
    private ClaimsPrincipal? _override;

    public ClaimsPrincipal Principal => _override ?? http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true && Id != Guid.Empty;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(PpsClaims.MemberId), out var id) ? id : Guid.Empty;

    public Guid? TenantId => Guid.TryParse(Principal.FindFirstValue(PpsClaims.TenantId), out var id) ? id : null;

    public VettingLevel Vetting => Enum.TryParse<VettingLevel>(Principal.FindFirstValue(PpsClaims.Vetting), out var v) ? v : VettingLevel.Registered;

    public bool IsStaff => Roles.Staff.Any(Principal.IsInRole);

    public IReadOnlyCollection<Guid> Estates => Principal.FindAll(PpsClaims.EstateRole)
        .Select(c => c.Value.Split(':'))
        .Where(p => p.Length == 2 && Guid.TryParse(p[1], out _))
        .Select(p => Guid.Parse(p[1]))
        .Distinct()
        .ToArray();

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool HasEstateRole(string role, Guid estateId)
        => Principal.HasClaim(PpsClaims.EstateRole, $"{role}:{estateId}");

    /// <summary>Used by hub invocations and tests that run outside an HTTP request.</summary>
    public void Use(ClaimsPrincipal principal) => _override = principal;
}
