using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Infrastructure.Auth;

internal static class IdentitySetup
{
    /// <summary>The name of Identity's composite scheme from <c>AddIdentityApiEndpoints</c> (its constant is internal).</summary>
    private const string BearerAndApplicationScheme = "Identity.BearerAndApplication";

    public static WebApplicationBuilder AddPpsIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityApiEndpoints<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // ASVS 6.2.5: length and guessability (PasswordStrengthValidator), no composition rules.
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PpsDb>()
            .AddPasswordValidator<PasswordStrengthValidator>()
            .AddClaimsPrincipalFactory<MemberClaimsFactory>();

        // A rotated security stamp is refused on the next request (Sessions/SessionsSetup: MemberStamps); Identity's own
        // validator only refreshes the cookie's claims on this interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "pps.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        // Identity's composite scheme (bearer, then cookie) challenges with the bearer handler: a plain 401 even for a
        // page. Challenges and refusals go to the cookie handler instead, whose events below answer 401/403 on the
        // API and the hub, and redirect to the log-in (or access-denied) page everywhere else.
        services.Configure<AuthenticationSchemeOptions>(BearerAndApplicationScheme, o =>
        {
            o.ForwardChallenge = IdentityConstants.ApplicationScheme;
            o.ForwardForbid = IdentityConstants.ApplicationScheme;
        });

        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromHours(1);
            o.Events.OnMessageReceived = ctx =>
            {
                // Browsers cannot set headers on WebSockets: accept the token from the query string on the hub path only.
                if (ctx.Request.Path.StartsWithSegments(LiveHub.Path)
                    && ctx.Request.Query.TryGetValue("access_token", out var token)
                    && !string.IsNullOrEmpty(token))
                {
                    ctx.Token = token;
                }

                return Task.CompletedTask;
            };
        });

        services.AddMunicipalLogin(builder.Configuration);
        services.AddAuthorization(Policies.Add);
        services.AddTwoFactorEnrolment(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentMember, CurrentMember>();
        services.AddSingleton<IEmailSender<Member>, IdentityEmailSender>();
        return builder;
    }

    private static Task ApiAwareRedirect(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
