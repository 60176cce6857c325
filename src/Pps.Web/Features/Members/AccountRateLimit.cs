using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Pps.Web.Features.Members;

/// <summary>
/// Limits anonymous account actions that create work or mail (registration, password-reset requests) per client
/// address, so nobody can flood the hub with accounts or someone's inbox with reset mails. Page views (GET) are free.
/// </summary>
internal sealed class AccountRateLimit(IConfiguration configuration) : IRateLimiterPolicy<string>
{
    public const string Policy = "account";

    private readonly int _permits = configuration.GetValue("Members:AccountActionsPerHour", 20);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var http = ctx.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
        {
            http.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: "Too many account requests from this address. Please try again later.").ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http)
        => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = _permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
}
