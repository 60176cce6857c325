using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>Settings of the two-factor requirement (section <c>TwoFactor</c>).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>
    /// Platform administrators (no tenant, power over every tenant) must use two-factor log-in. Unset: required,
    /// except on an installation with the demo data (<c>Pps:DemoData</c>), whose administrator password is published.
    /// </summary>
    public bool? RequireForPlatformAdmins { get; set; }

    /// <summary>How long an instance trusts a tenant's requirement it read; a change evicts it at once here and, over Redis, on the other instances.</summary>
    public TimeSpan PolicyCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What the two-factor requirement asks of one sign-in.</summary>
/// <param name="Applies">The requirement holds for this member (whether or not they have enrolled).</param>
/// <param name="Enrolled">The sign-in is of a member with two-factor log-in on.</param>
/// <param name="EnrolBy">End of the grace period, if any: until then the member is reminded, not blocked.</param>
/// <param name="Reason"><c>everyone</c>, <c>privileged</c> (the tenant's policy) or <c>platform-admin</c>.</param>
public sealed record TwoFactorDemand(bool Applies, bool Enrolled, DateTimeOffset? EnrolBy, string? Reason)
{
    public static readonly TwoFactorDemand None = new(false, false, null, null);

    /// <summary>The sign-in is restricted to enrolling (and signing out).</summary>
    public bool BlocksAt(DateTimeOffset now) => Applies && !Enrolled && (EnrolBy is not { } by || now >= by);

    /// <summary>The member must enrol but is still in the grace period.</summary>
    public bool RemindsAt(DateTimeOffset now) => Applies && !Enrolled && EnrolBy is { } by && now < by;
}

/// <summary>
/// Marks an endpoint or page a member who must still enrol in two-factor log-in may use: the enrolment page, the
/// API's own two-factor endpoint. Everything else behind a policy refuses such a sign-in.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowDuringTwoFactorEnrolmentAttribute : Attribute;

/// <summary>Part of every named policy and the default policy (<see cref="Policies.Add"/>): the sign-in is not restricted to enrolment.</summary>
public sealed class TwoFactorEnrolmentRequirement : IAuthorizationRequirement
{
    public static readonly TwoFactorEnrolmentRequirement Instance = new();
}

/// <summary>
/// Decides per request whether a sign-in must enrol in two-factor log-in first (ASVS 5.0 6.3.2, 6.3.3). The member's
/// own part comes from the claims: whether two-factor log-in was on at sign-in (<see cref="PpsClaims.TwoFactor"/>) and
/// the roles. Both are current, because turning two-factor log-in on or off and every change of roles rotate the
/// security stamp, which the hub checks on every request. The tenant's policy is read in a scope of its own (a
/// WebSocket's request scope lives as long as the connection) and cached per tenant for
/// <see cref="TwoFactorOptions.PolicyCacheLifetime"/>; a change evicts it at once on this instance and, over the Redis
/// session channel (<see cref="Sessions.SessionChannel"/>), on the others.
/// </summary>
public sealed class TwoFactorEnrolment(IServiceScopeFactory scopes, TimeProvider clock, IOptions<TwoFactorOptions> options)
{
    public const string EnrolPath = "/Profile/TwoFactor";

    public const string ProblemType = "urn:pps:problem:two-factor-enrolment-required";

    /// <summary>The problem type of a refused attempt to turn two-factor log-in off while it is required.</summary>
    public const string RequiredProblemType = "urn:pps:problem:two-factor-required";

    public const string HubRefusal = "Two-factor enrolment required: enable two-factor log-in at " + EnrolPath + ".";

    /// <summary>Tenant roles that read or change what others may not: municipal departments, signals, integrity, partners.</summary>
    public static readonly string[] PrivilegedTenantRoles =
        [Roles.Oov, Roles.Signals, Roles.Ez, Roles.Ro, Roles.Vvh, Roles.IntegrityOfficer, Roles.Police, Roles.FireService];

    private readonly ConcurrentDictionary<Guid, Entry> _policies = new();

    private long _generation;

    public static bool IsPrivileged(ClaimsPrincipal user)
        => PrivilegedTenantRoles.Any(user.IsInRole)
            || user.FindAll(PpsClaims.EstateRole).Any(c => c.Value.StartsWith(Roles.Board + ":", StringComparison.Ordinal));

    /// <summary>The rule itself, without caching: what <paramref name="requirement"/> of the member's tenant asks of this sign-in.</summary>
    public static TwoFactorDemand Evaluate(ClaimsPrincipal user, TwoFactorRequirement requirement, DateTimeOffset? enrolBy, bool requireForPlatformAdmins)
    {
        var enrolled = user.HasClaim(PpsClaims.TwoFactor, "on");
        if (user.IsInRole(Roles.PlatformAdmin))
        {
            return requireForPlatformAdmins ? new TwoFactorDemand(true, enrolled, null, "platform-admin") : TwoFactorDemand.None with { Enrolled = enrolled };
        }

        if (!user.HasClaim(c => c.Type == PpsClaims.TenantId))
        {
            return TwoFactorDemand.None with { Enrolled = enrolled };
        }

        return requirement switch
        {
            TwoFactorRequirement.Everyone => new TwoFactorDemand(true, enrolled, enrolBy, "everyone"),
            TwoFactorRequirement.Privileged when IsPrivileged(user) => new TwoFactorDemand(true, enrolled, enrolBy, "privileged"),
            _ => TwoFactorDemand.None with { Enrolled = enrolled },
        };
    }

    public async ValueTask<TwoFactorDemand> DemandAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return TwoFactorDemand.None;
        }

        var requireAdmins = options.Value.RequireForPlatformAdmins ?? true;
        if (!Guid.TryParse(user.FindFirstValue(PpsClaims.TenantId), out var tenantId))
        {
            return Evaluate(user, TwoFactorRequirement.NotRequired, null, requireAdmins);
        }

        var (requirement, enrolBy) = await PolicyAsync(tenantId, ct);
        return Evaluate(user, requirement, enrolBy, requireAdmins);
    }

    /// <summary>True when this sign-in may only enrol (and sign out). Cheap for enrolled members: no read at all.</summary>
    public async ValueTask<bool> BlocksAsync(ClaimsPrincipal user, CancellationToken ct)
        => user.Identity?.IsAuthenticated == true
            && !user.HasClaim(PpsClaims.TwoFactor, "on")
            && (await DemandAsync(user, ct)).BlocksAt(clock.GetUtcNow());

    /// <summary>Forgets the tenant's cached policy (after a change).</summary>
    public void Evict(Guid tenantId)
    {
        Interlocked.Increment(ref _generation);
        _policies.TryRemove(tenantId, out _);
    }

    private async ValueTask<(TwoFactorRequirement, DateTimeOffset?)> PolicyAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (_policies.TryGetValue(tenantId, out var cached) && clock.GetElapsedTime(cached.ReadAt, now) < options.Value.PolicyCacheLifetime)
        {
            return (cached.Requirement, cached.EnrolBy);
        }

        var generation = Interlocked.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var row = await db.TwoFactorPolicies.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.TenantId == tenantId)
            .Select(p => new { p.Requirement, p.EnrolBy })
            .SingleOrDefaultAsync(ct);
        var entry = new Entry(row?.Requirement ?? TwoFactorRequirement.NotRequired, row?.EnrolBy, now);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _policies[tenantId] = entry;
        }

        return (entry.Requirement, entry.EnrolBy);
    }

    private sealed record Entry(TwoFactorRequirement Requirement, DateTimeOffset? EnrolBy, long ReadAt);
}

/// <summary>
/// Adds <see cref="TwoFactorEnrolmentRequirement"/> to every policy the hub resolves — the named ones of
/// <see cref="Policies"/>, those capabilities add themselves, and the default policy — so no endpoint, page or hub
/// method can forget it.
/// </summary>
internal sealed class TwoFactorPolicyProvider(IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider _inner = new(options);

    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    private AuthorizationPolicy? _default;

    public async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
        => await _inner.GetPolicyAsync(policyName) is { } policy ? _policies.GetOrAdd(policyName, _ => With(policy)) : null;

    public async Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _default ??= With(await _inner.GetDefaultPolicyAsync());

    /// <summary>None: endpoints without authorisation metadata stay public.</summary>
    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _inner.GetFallbackPolicyAsync();

    private static AuthorizationPolicy With(AuthorizationPolicy policy)
        => policy.Requirements.Contains(TwoFactorEnrolmentRequirement.Instance)
            ? policy
            : new AuthorizationPolicy([.. policy.Requirements, TwoFactorEnrolmentRequirement.Instance], policy.AuthenticationSchemes);
}

/// <summary>Refuses a sign-in that must enrol first, except on endpoints marked <see cref="AllowDuringTwoFactorEnrolmentAttribute"/>.</summary>
internal sealed class TwoFactorEnrolmentHandler(TwoFactorEnrolment enrolment) : AuthorizationHandler<TwoFactorEnrolmentRequirement>
{
    public const string FailureMessage = "Two-factor enrolment is required.";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolmentRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.GetEndpoint()?.Metadata.GetMetadata<AllowDuringTwoFactorEnrolmentAttribute>() is not null
            || !await enrolment.BlocksAsync(context.User, http?.RequestAborted ?? CancellationToken.None))
        {
            context.Succeed(requirement);
            return;
        }

        context.Fail(new AuthorizationFailureReason(this, FailureMessage));
    }
}

/// <summary>
/// Answers a refusal for want of two-factor enrolment: pages go to the enrolment page (which says why), the API and the
/// hub get 403 ProblemDetails with <see cref="TwoFactorEnrolment.ProblemType"/>. Other refusals as usual.
/// </summary>
internal sealed class TwoFactorEnrolmentResultHandler(IStringLocalizer<TwoFactorPolicyText> text) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public static bool IsEnrolmentRefusal(PolicyAuthorizationResult result)
        => result.Forbidden
            && result.AuthorizationFailure is { } failure
            && (failure.FailureReasons.Any(r => r.Handler is TwoFactorEnrolmentHandler)
                || failure.FailedRequirements.OfType<TwoFactorEnrolmentRequirement>().Any());

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!IsEnrolmentRefusal(authorizeResult))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            var problem = new ProblemDetails
            {
                Type = TwoFactorEnrolment.ProblemType,
                Title = "Two-factor enrolment required",
                Status = StatusCodes.Status403Forbidden,
                Detail = text["ProblemDetail"],
                Instance = path.Value,
            };
            problem.Extensions["enrolUrl"] = TwoFactorEnrolment.EnrolPath;
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }

        context.Response.Redirect(TwoFactorEnrolment.EnrolPath);
    }
}

internal static class TwoFactorEnrolmentSetup
{
    public static IServiceCollection AddTwoFactorEnrolment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwoFactorOptions>()
            .Bind(configuration.GetSection(TwoFactorOptions.Section))
            .PostConfigure<IOptions<PpsOptions>>((o, pps) => o.RequireForPlatformAdmins ??= !pps.Value.DemoData);
        services.AddSingleton<TwoFactorEnrolment>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolmentHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentResultHandler>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, TwoFactorPolicyProvider>());
        return services;
    }
}
