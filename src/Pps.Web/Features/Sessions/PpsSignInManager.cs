using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// Identity's sign-in manager with a session record per sign-in. Every way in — the log-in page, two-factor and
/// recovery codes, the municipal and external log-ins, registration, and <c>POST /api/auth/login</c> — ends in
/// <see cref="SignInWithClaimsAsync"/>, which starts the record and puts its id and the sign-in time into the cookie or
/// token. Both refreshes — Identity's cookie validator (every few minutes) and <c>POST /api/auth/refresh</c> — call
/// <see cref="ValidateSecurityStampAsync"/> and then <see cref="CreateUserPrincipalAsync"/>: the first refuses an ended
/// or expired session (ASVS 7.3.2: the absolute lifetime holds across refreshes), the second carries the session claims
/// into the refreshed principal, so the original sign-in time survives. (One place for both, rather than the cookie's
/// <c>OnRefreshingPrincipal</c> plus a second mechanism for bearer refreshes, which have no such hook.)
/// </summary>
internal sealed class PpsSignInManager(
    UserManager<Member> users,
    IHttpContextAccessor accessor,
    IUserClaimsPrincipalFactory<Member> factory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Member>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation,
    SessionRecords records)
    : SignInManager<Member>(users, accessor, factory, options, logger, schemes, confirmation)
{
    // Session claims for the principal being built in this request (the manager is scoped: one request).
    private Claim[]? _sessionClaims;

    private ClaimsPrincipal? _refreshing;

    public override async Task RefreshSignInAsync(Member user)
    {
        _refreshing = Context.User;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = null;
        }
    }

    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var ct = Context.RequestAborted;
        if (_refreshing is { } current
            && SessionClaims.Carried(current) is { } carried
            && SessionClaims.SessionIdOf(current) is { } sessionId
            && current.FindFirstValue(Infrastructure.Auth.PpsClaims.MemberId) == user.Id.ToString())
        {
            // The same sign-in gets a new cookie (the member changed their own stamp here, e.g. turned on two-factor).
            await records.AdoptStampAsync(sessionId, user.Id, user.SecurityStamp ?? "", ct);
            _sessionClaims = carried;
        }
        else
        {
            var kind = AuthenticationScheme == IdentityConstants.BearerScheme ? SessionKinds.App : SessionKinds.Browser;
            var session = await records.StartAsync(user, kind, Context.Request.Headers.UserAgent.ToString(), ct);
            _sessionClaims = SessionClaims.For(session.Id, session.SignedInAt);
        }

        try
        {
            await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        }
        finally
        {
            _sessionClaims = null;
        }
    }

    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(Member user)
    {
        var principal = await base.CreateUserPrincipalAsync(user);
        if (_sessionClaims is { } claims && principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaims(claims);
        }

        return principal;
    }

    public override async Task<Member?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null
            || SessionClaims.SessionIdOf(principal) is not { } sessionId
            || SessionClaims.Carried(principal) is not { } carried
            || !await records.IsActiveAsync(sessionId, user, Context.RequestAborted))
        {
            return null;
        }

        // Consumed by the CreateUserPrincipalAsync the refresh calls next.
        _sessionClaims = carried;
        return user;
    }
}
