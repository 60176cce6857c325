using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Pps.Web.Features.Alerts;

/// <summary>
/// The one-click acknowledgement link in an escalation e-mail: signed and encrypted by Data Protection under a
/// purpose of its own (it cannot be replayed as any other token), naming one alert and one member, and expiring.
/// </summary>
public sealed class AlertAckTokens(IDataProtectionProvider provider, IOptions<AlertsOptions> options, TimeProvider clock)
{
    private const string Purpose = "Pps.Alerts.AcknowledgeByEmail.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Create(Guid alertId, Guid memberId)
        => _protector.Protect($"{alertId:N}:{memberId:N}", clock.GetUtcNow() + options.Value.AcknowledgementLinkLifetime);

    /// <summary>Only for tests and tooling: a token with an explicit expiry.</summary>
    public string Create(Guid alertId, Guid memberId, DateTimeOffset expires) => _protector.Protect($"{alertId:N}:{memberId:N}", expires);

    public bool TryRead(string? token, out Guid alertId, out Guid memberId)
    {
        alertId = memberId = Guid.Empty;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return false;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out alertId) && Guid.TryParseExact(parts[1], "N", out memberId);
        }
        catch (CryptographicException)
        {
            // Tampered, expired or made for another purpose: all the same to the caller.
            return false;
        }
    }
}
