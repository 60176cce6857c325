using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using SessionOptions = Pps.Web.Infrastructure.Sessions.SessionOptions;

namespace Pps.Web.Features.Sessions;

/// <summary>
/// ASVS 7.5.1: changing the e-mail address or phone number (where password resets and alerts go) asks who is at the
/// keyboard again: the current password, or — for a member without one (municipal or external log-in) — a sign-in
/// within <see cref="SessionOptions.ReauthenticationWindow"/>. Wrong passwords are throttled per member
/// (<see cref="ReauthenticationThrottle"/>) rather than counted towards the sign-in lockout: whoever holds a session
/// could otherwise lock the member out of signing in, and the throttle stops guessing all the same.
/// </summary>
public sealed class Reauthentication(UserManager<Member> users, ReauthenticationThrottle throttle, TimeProvider clock, IOptions<SessionOptions> options)
{
    /// <summary>The field the error belongs to, in the API and on the page.</summary>
    public const string Field = "currentPassword";

    public enum Outcome
    {
        Confirmed,
        PasswordMissing,
        PasswordWrong,
        LockedOut,
        SignInTooOld,
    }

    public async Task<Outcome> CheckAsync(Member member, ClaimsPrincipal principal, string? password)
    {
        if (await users.HasPasswordAsync(member))
        {
            if (string.IsNullOrEmpty(password))
            {
                return Outcome.PasswordMissing;
            }

            if (throttle.IsBlocked(member.Id) || await users.IsLockedOutAsync(member))
            {
                return Outcome.LockedOut;
            }

            if (await users.CheckPasswordAsync(member, password))
            {
                return Outcome.Confirmed;
            }

            throttle.Failed(member.Id);
            return Outcome.PasswordWrong;
        }

        return SessionClaims.SignedInAtOf(principal) is { } at && clock.GetUtcNow() - at <= options.Value.ReauthenticationWindow
            ? Outcome.Confirmed
            : Outcome.SignInTooOld;
    }

    public int WindowMinutes => (int)Math.Round(options.Value.ReauthenticationWindow.TotalMinutes);

    /// <summary>Which refusal a message (from <see cref="Message"/>) stands for, so a page can show its own text.</summary>
    public Outcome OutcomeOf(string? message)
        => Enum.GetValues<Outcome>().FirstOrDefault(o => o != Outcome.Confirmed && Message(o) == message, Outcome.PasswordWrong);

    /// <summary>The field error for the API (validation messages are English, as FluentValidation's).</summary>
    public string Message(Outcome outcome) => outcome switch
    {
        Outcome.PasswordMissing => "Enter your current password to change your e-mail address or phone number.",
        Outcome.PasswordWrong => "The current password is not correct.",
        Outcome.LockedOut => "Too many wrong passwords: try again in 15 minutes.",
        _ => $"Sign in again (less than {WindowMinutes} minutes ago) to change your e-mail address or phone number.",
    };

    /// <summary>
    /// Guards Identity's <c>POST /api/auth/manage/info</c>: a new e-mail address needs <c>oldPassword</c> (Identity's
    /// own field, which it otherwise asks only for a new password). Refused changes are audited; nothing is sent.
    /// </summary>
    internal static async ValueTask<object?> GuardEmailChange(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (ctx.Arguments.OfType<InfoRequest>().FirstOrDefault() is not { NewEmail: { Length: > 0 } newEmail } request
            || !(http.Request.Path.Value ?? "").EndsWith("/manage/info", StringComparison.OrdinalIgnoreCase))
        {
            return await next(ctx);
        }

        var services = http.RequestServices;
        var users = services.GetRequiredService<UserManager<Member>>();
        if (await users.GetUserAsync(http.User) is not { } member
            || string.Equals(users.NormalizeEmail(newEmail), member.NormalizedEmail, StringComparison.Ordinal))
        {
            return await next(ctx);
        }

        var reauth = services.GetRequiredService<Reauthentication>();
        var audit = services.GetRequiredService<IAuditLog>();
        var outcome = await reauth.CheckAsync(member, http.User, request.OldPassword);
        if (outcome != Outcome.Confirmed)
        {
            await audit.WriteAsync("member.email-change-refused", $"member:{member.Id}", AuditResult.Failure, detail: outcome.ToString());
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["oldPassword"] = [reauth.Message(outcome)] });
        }

        var result = await next(ctx);
        if (http.Response.StatusCode is 200 && Unwrap(result) is not IStatusCodeHttpResult { StatusCode: >= 400 })
        {
            // The address changes when the link mailed to it is followed; who asked for it is recorded now.
            await audit.WriteAsync("member.email-change-requested", $"member:{member.Id}", detail: "api");
        }

        return result;
    }

    private static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }
}

/// <summary>At most <see cref="MaxFailures"/> wrong current passwords per member per <see cref="Window"/>, per instance.</summary>
public sealed class ReauthenticationThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (int Failures, DateTimeOffset Since)> _failures = new();

    public bool IsBlocked(Guid memberId)
        => _failures.TryGetValue(memberId, out var f) && clock.GetUtcNow() - f.Since < Window && f.Failures >= MaxFailures;

    public void Failed(Guid memberId)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > 10_000)
        {
            // Bounded whatever happens: old windows go first.
            foreach (var (id, f) in _failures)
            {
                if (now - f.Since >= Window)
                {
                    _failures.TryRemove(id, out _);
                }
            }
        }

        _failures.AddOrUpdate(memberId, (1, now), (_, f) => now - f.Since >= Window ? (1, now) : (f.Failures + 1, f.Since));
    }
}
