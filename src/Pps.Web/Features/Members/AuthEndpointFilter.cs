using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Members;

/// <summary>
/// Wraps ASP.NET Core Identity's API endpoints under <c>/api/auth</c>: its tenant-less <c>/register</c> is closed
/// (members register through <c>/Account/Register</c>, which asks for the municipality), and log-ins, failures and
/// lockouts are audited.
/// </summary>
internal static class AuthEndpointFilter
{
    public static async ValueTask<object?> Invoke(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var path = http.Request.Path.Value ?? "";
        if (path.EndsWith("/register", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: "Register through /Account/Register: a member belongs to a municipality.");
        }

        if (!path.EndsWith("/login", StringComparison.OrdinalIgnoreCase))
        {
            return await next(ctx);
        }

        var login = ctx.Arguments.OfType<LoginRequest>().FirstOrDefault();
        var result = await next(ctx);
        if (login is null)
        {
            return result;
        }

        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Member>>();
        var audit = services.GetRequiredService<IAuditLog>();
        var member = await users.Users.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.NormalizedEmail == users.NormalizeEmail(login.Email));
        var succeeded = http.Response.StatusCode is 200 or 204 && result is not IStatusCodeHttpResult { StatusCode: >= 400 };
        var lockedOut = member is not null && await users.IsLockedOutAsync(member);
        await audit.WriteForAsync(
            member?.Id,
            login.Email,
            member?.TenantId,
            succeeded ? "auth.login" : lockedOut ? "auth.lockout" : "auth.login-failed",
            member is null ? null : $"member:{member.Id}",
            succeeded ? AuditResult.Success : AuditResult.Failure,
            "api");
        return result;
    }
}
