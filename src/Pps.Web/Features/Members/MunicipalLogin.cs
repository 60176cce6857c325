using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Pps.Web.Features.Members;

/// <summary>
/// Optional OpenID Connect sign-in for municipal staff (Entra ID), configuration section <c>Authentication:Oidc</c>.
/// Off while <c>Authority</c> is empty. An external account only signs in to an existing staff member with the
/// same confirmed e-mail address; it never creates an account (a member always belongs to a municipality).
/// </summary>
internal static class MunicipalLogin
{
    public const string Scheme = "oidc";

    public const string Section = "Authentication:Oidc";

    public static IServiceCollection AddMunicipalLogin(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, section["DisplayName"] ?? "Gemeente-account", o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = authority;
            o.ClientId = section["ClientId"];
            o.ClientSecret = section["ClientSecret"];
            o.ResponseType = "code";
            o.UsePkce = true;
            o.CallbackPath = "/signin-oidc";
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
        });
        return services;
    }
}
