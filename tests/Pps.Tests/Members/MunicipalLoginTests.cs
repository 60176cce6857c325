using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Members;

public abstract class MunicipalLoginTests(PpsApp app)
{
    [Fact]
    public async Task The_municipal_login_is_off_by_default_and_the_login_page_has_no_button_for_it()
    {
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync(MunicipalLogin.Scheme));
        using var browser = new PageSession(app);
        var (_, html) = await browser.GetAsync("/Account/Login");
        Assert.DoesNotContain("/Account/ExternalLogin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_municipal_login_scheme_exists_when_an_authority_is_configured()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Authentication:Oidc:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";
        builder.Configuration["Authentication:Oidc:ClientId"] = "pps-hub";
        builder.Configuration["Authentication:Oidc:ClientSecret"] = "not-a-real-secret";
        builder.AddPpsIdentity();
        await using var host = builder.Build();
        var scheme = await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(MunicipalLogin.Scheme);
        Assert.NotNull(scheme);
        Assert.Equal("Gemeente-account", scheme.DisplayName);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class MunicipalLoginTestsOnSqlite(SqliteApp app) : MunicipalLoginTests(app);

[Collection(PostgresApp.Collection)]
public sealed class MunicipalLoginTestsOnPostgres(PostgresApp app) : MunicipalLoginTests(app);
