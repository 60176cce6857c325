using System.Globalization;
using System.Security.Claims;

namespace Pps.Web.Features.Sessions;

/// <summary>The claims that tie a cookie or bearer token to its <see cref="MemberSession"/>.</summary>
public static class SessionClaims
{
    /// <summary>The session record's id.</summary>
    public const string SessionId = "pps:sid";

    /// <summary>When the member signed in (Unix seconds): kept across claim refreshes and bearer refreshes.</summary>
    public const string SignedInAt = "pps:signed-in";

    public static Guid? SessionIdOf(ClaimsPrincipal? principal)
        => Guid.TryParse(principal?.FindFirstValue(SessionId), out var id) ? id : null;

    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal? principal)
        => long.TryParse(principal?.FindFirstValue(SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static Claim[] For(Guid sessionId, DateTimeOffset signedInAt) =>
    [
        new(SessionId, sessionId.ToString()),
        new(SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The session claims of <paramref name="principal"/>, to carry into a refreshed principal; null without them.</summary>
    public static Claim[]? Carried(ClaimsPrincipal? principal)
        => SessionIdOf(principal) is { } id && SignedInAtOf(principal) is { } at ? For(id, at) : null;
}
