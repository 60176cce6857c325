using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Limits for the account-less routes, kept in memory only: the network address is a partition key in this process
/// and is never written to the database or the log. A restart forgets everything, which is the point.
/// </summary>
public sealed class AnonymousRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _reports;
    private readonly RateLimiter _codes;
    private readonly PartitionedRateLimiter<string> _attempts;

    public AnonymousRateLimits(IOptions<SignalsOptions> options)
    {
        var o = options.Value;
        _reports = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.AnonymousReportsPerAddressPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));
        _codes = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = o.FollowUpCodesPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
        _attempts = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.CodeAttemptsPerAddressPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0,
        }));
    }

    /// <summary>True when this address may file another anonymous report and the hub may hand out another code.</summary>
    public bool TryReport(IPAddress? address)
    {
        using var perAddress = _reports.AttemptAcquire(Key(address));
        if (!perAddress.IsAcquired)
        {
            return false;
        }

        using var code = _codes.AttemptAcquire();
        return code.IsAcquired;
    }

    public bool TryCodeAttempt(IPAddress? address)
    {
        using var lease = _attempts.AttemptAcquire(Key(address));
        return lease.IsAcquired;
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    public void Dispose()
    {
        _reports.Dispose();
        _codes.Dispose();
        _attempts.Dispose();
    }
}
