using System.Security.Claims;

namespace Pps.Web.Infrastructure.Web;

/// <summary>
/// Writes every refused request (401, 403, or a page sent to the access-denied page) to the security log: method,
/// path (never the query string, which may hold an <c>access_token</c>), status, the member's id when signed in and
/// the remote address. ASVS 5.0 16.3.2: failed authorisation attempts are logged. Refusals that matter to people
/// (signals, reveals, personal data) are also in the audit log; this is the operational trail of all the others, for
/// spotting probing. Existence-hiding 404s cannot be told from a wrong address and are not logged here.
/// </summary>
internal static partial class RefusalLog
{
    public const string Category = "Pps.Security.Refusals";

    public static IApplicationBuilder UseRefusalLog(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            await next(context);
            var status = context.Response.StatusCode;
            var deniedPage = status == StatusCodes.Status302Found
                && context.Response.Headers.Location.ToString().StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase);
            if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || deniedPage)
            {
                Refused(log, context.Request.Method, context.Request.Path.Value ?? "", deniedPage ? StatusCodes.Status403Forbidden : status,
                    context.User.FindFirstValue(Auth.PpsClaims.MemberId) ?? "anonymous", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            }
        });
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Refused {Method} {Path} with {Status} for {Member} from {Address}")]
    private static partial void Refused(ILogger log, string method, string path, int status, string member, string address);
}
