using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Web.Features.Members;

/// <summary>
/// Wraps ASP.NET Core Identity's API endpoints under <c>/api/auth</c>: its tenant-less <c>/register</c> is closed
/// (members register through <c>/Account/Register</c> or <c>POST /api/members/registrations</c>, which ask for the
/// municipality), and log-ins, failures, lockouts, password resets and two-factor changes are audited. Passwords,
/// codes and tokens from the requests are never written to the audit log.
/// </summary>
internal static class AuthEndpointFilter
{
    // PostgreSQL refuses a NUL character in text (an exception, not "no such user"), so it is refused here as well.
    private static bool Bad(string? value) => value is null || value.Contains('\0', StringComparison.Ordinal);

    private static string? MissingField(IList<object?> arguments)
    {
        foreach (var argument in arguments)
        {
            var missing = argument switch
            {
                LoginRequest r when Bad(r.Email) => "email",
                LoginRequest r when Bad(r.Password) => "password",
                ForgotPasswordRequest r when Bad(r.Email) => "email",
                ResendConfirmationEmailRequest r when Bad(r.Email) => "email",
                ResetPasswordRequest r when Bad(r.Email) => "email",
                ResetPasswordRequest r when Bad(r.ResetCode) => "resetCode",
                ResetPasswordRequest r when Bad(r.NewPassword) => "newPassword",
                RefreshRequest r when Bad(r.RefreshToken) => "refreshToken",
                _ => null,
            };
            if (missing is not null)
            {
                return missing;
            }
        }

        return null;
    }

    public static async ValueTask<object?> Invoke(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var path = http.Request.Path.Value ?? "";
        if (path.EndsWith("/register", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: "Register through POST /api/members/registrations: a member belongs to a municipality.");
        }

        // Identity's handlers trust their "required" strings to be non-null, but JSON may send an explicit null: that
        // would reach UserManager as an ArgumentNullException (a 500). Refuse it, and a NUL character, as the
        // validation error it is.
        if (MissingField(ctx.Arguments) is { } missing)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [missing] = ["This field is required and may not contain a NUL character."] });
        }

        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Member>>();
        var audit = services.GetRequiredService<IAuditLog>();

        if (path.EndsWith("/manage/2fa", StringComparison.OrdinalIgnoreCase))
        {
            var before = await users.GetUserAsync(http.User);
            var wasEnabled = before?.TwoFactorEnabled == true;
            if (before is not null && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(before)))
            {
                // Identity would make the first key with ResetAuthenticatorKeyAsync, which rotates the stamp and so ends
                // the very bearer token that asked for it (and every other session): a member enrolling through the API
                // could not confirm the code. The first key only prepares 2FA, as on /Profile/TwoFactor: no rotation.
                var store = (IUserAuthenticatorKeyStore<Member>)services.GetRequiredService<IUserStore<Member>>();
                await store.SetAuthenticatorKeyAsync(before, users.GenerateNewAuthenticatorKey(), http.RequestAborted);
                await users.UpdateAsync(before);
            }

            var change = ctx.Arguments.OfType<TwoFactorRequest>().FirstOrDefault();
            if (before is not null && wasEnabled && (change?.Enable == false || change?.ResetSharedKey == true)
                && (await services.GetRequiredService<TwoFactorEnrolment>().DemandAsync(http.User, http.RequestAborted)).Applies)
            {
                // Resetting the key turns two-factor log-in off too (Identity), until a new code is confirmed.
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Two-factor log-in is required",
                    detail: services.GetRequiredService<IStringLocalizer<TwoFactorPolicyText>>()["CannotDisable"],
                    type: TwoFactorEnrolment.RequiredProblemType);
            }

            var outcome = await next(ctx);
            var after = before is null ? null : await users.FindByIdAsync(before.Id.ToString());
            if (after is not null && after.TwoFactorEnabled != wasEnabled)
            {
                await audit.WriteAsync(after.TwoFactorEnabled ? "auth.2fa-enabled" : "auth.2fa-disabled", $"member:{after.Id}", detail: "api");
            }

            return outcome;
        }

        var email = ctx.Arguments.OfType<LoginRequest>().FirstOrDefault()?.Email
            ?? ctx.Arguments.OfType<ForgotPasswordRequest>().FirstOrDefault()?.Email
            ?? ctx.Arguments.OfType<ResetPasswordRequest>().FirstOrDefault()?.Email;
        string? action = null;
        if (path.EndsWith("/login", StringComparison.OrdinalIgnoreCase))
        {
            action = "auth.login";
        }
        else if (path.EndsWith("/forgotPassword", StringComparison.OrdinalIgnoreCase))
        {
            action = "auth.password-reset-requested";
        }
        else if (path.EndsWith("/resetPassword", StringComparison.OrdinalIgnoreCase))
        {
            action = "auth.password-reset";
        }

        var result = await next(ctx);
        if (action is null || email is null)
        {
            return result;
        }

        var member = await users.Users.IgnoreQueryFilters().SingleOrDefaultAsync(m => m.NormalizedEmail == users.NormalizeEmail(email));
        var succeeded = http.Response.StatusCode is 200 or 204 && Unwrap(result) is not IStatusCodeHttpResult { StatusCode: >= 400 };
        if (action == "auth.password-reset-requested" && member is null)
        {
            // The caller gets the same answer either way; an unknown address is not worth a row.
            return result;
        }

        if (action == "auth.login" && !succeeded)
        {
            action = member is not null && await users.IsLockedOutAsync(member) ? "auth.lockout" : "auth.login-failed";
        }

        await audit.WriteForAsync(
            member?.Id,
            email,
            member?.TenantId,
            action,
            member is null ? null : $"member:{member.Id}",
            succeeded ? AuditResult.Success : AuditResult.Failure,
            "api");
        return result;
    }

    /// <summary>Identity's endpoints return <c>Results&lt;…&gt;</c> unions; the status is on the result inside.</summary>
    private static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }
}
