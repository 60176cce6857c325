using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Dashboard;
using Pps.Web.Features.Tenancy;

namespace Pps.Tests.Web;

/// <summary>The web shell over HTTP: languages, security headers, role navigation, dashboards and error pages.</summary>
public abstract partial class ShellTests(PpsApp app)
{
    public static TheoryData<string> PublicPages() => new() { "/", "/Account/Login", "/Accessibility" };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_pages_answer_in_Dutch_by_default(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("nl", LangOf(html));
        Assert.Single(H1().Matches(html));
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_pages_answer_in_English_after_choosing_English_with_the_switch(string path)
    {
        using var client = app.CreateClient();
        var page = await client.GetStringAsync(path);
        var switched = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = path,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal(path, switched.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("en", LangOf(await switched.Content.ReadAsStringAsync()));

        // The choice sticks (cookie) and can be undone.
        var english = await client.GetStringAsync(path);
        Assert.Equal("en", LangOf(english));
        Assert.Contains(">Nederlands</button>", english, StringComparison.Ordinal);
        var back = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "nl",
            ["returnUrl"] = path,
            ["__RequestVerificationToken"] = AntiforgeryToken(english),
        }));
        Assert.Equal("nl", LangOf(await back.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_antiforgery_token()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/");
        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "//evil.example/",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Pages_carry_the_security_headers(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var scripts = directives.FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal))
            ?? directives.Single(d => d.StartsWith("default-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues("Referrer-Policy").Single()));
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_or_styles()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/", "/Account/Login", "/Accessibility", "/no-such-page" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"\sstyle\s*=", html);
        }
    }

    [Fact]
    public async Task Tokens_css_has_a_custom_property_for_every_design_token()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/css/tokens.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        using var tokens = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("branding", "tokens.json")));
        var count = 0;
        foreach (var group in tokens.RootElement.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var token in group.Value.EnumerateObject())
            {
                Assert.Contains($"--pps-{group.Name}-{token.Name}: {token.Value.GetString()};", css, StringComparison.Ordinal);
                count++;
            }
        }

        Assert.True(count > 40, $"only {count} tokens");
    }

    [Theory]
    [InlineData("/branding/logo.svg")]
    [InlineData("/branding/favicon.svg")]
    public async Task The_logo_and_favicon_are_served_as_SVG(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_shows_a_friendly_404_page_in_the_layout()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/does-not-exist-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Pagina niet gevonden", html, StringComparison.Ordinal);
        Assert.Contains("id=\"main\"", html, StringComparison.Ordinal);
        Assert.Single(H1().Matches(html));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task An_unknown_API_path_stays_a_ProblemDetails_JSON_404()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var response = await client.GetAsync("/api/does-not-exist-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_validation_error_stays_a_ProblemDetails_400()
    {
        var client = await app.ClientForAsync("oov@zoetermeer.demo");
        var response = await client.PostAsync("/api/units", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_visitors_see_home_register_and_anonymous_report_but_no_member_links()
    {
        using var client = app.CreateClient();
        var nav = MainNav(await client.GetStringAsync("/"));
        Assert.Contains("href=\"/Account/Register\"", nav, StringComparison.Ordinal);
        Assert.Contains("href=\"/Melden\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Dashboard\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Alerts\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", nav, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OOV_menu_has_signals_admin_and_audit()
    {
        var html = await DashboardOfAsync("oov@zoetermeer.demo");
        var nav = MainNav(html);
        foreach (var link in new[] { "/Dashboard", "/Alerts", "/Signals", "/Admin", "/Audit", "/Directory", "/Boards", "/Meetings", "/Library", "/Watch" })
        {
            Assert.Contains($"href=\"{link}\"", nav, StringComparison.Ordinal);
        }

        Assert.Contains("data-persona=\"Oov\"", html, StringComparison.Ordinal);
        Assert.Contains("Openbare Orde en Veiligheid, gemeente Zoetermeer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrepreneur_has_no_signals_admin_or_audit_in_the_menu_but_can_pass_on_a_signal()
    {
        var html = await DashboardOfAsync("ondernemer.lansinghage@zoetermeer.demo");
        var nav = MainNav(html);
        Assert.DoesNotContain("href=\"/Signals\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Audit\"", nav, StringComparison.Ordinal);
        Assert.Contains("href=\"/Signals/Report\"", nav, StringComparison.Ordinal);
        Assert.Contains("href=\"/Alerts\"", nav, StringComparison.Ordinal);
        Assert.Contains("Ondernemer op Lansinghage", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nog niet gescreend", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_member_sees_the_board_dashboard_for_their_estate()
    {
        var html = await DashboardOfAsync("bestuur.lansinghage@zoetermeer.demo");
        Assert.Contains("data-persona=\"Board\"", html, StringComparison.Ordinal);
        Assert.Contains("Bestuur van de ondernemersvereniging: Lansinghage", html, StringComparison.Ordinal);
        Assert.Contains("Bart Bestuurder", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", MainNav(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_entrepreneur_is_told_vetting_is_pending()
    {
        var html = await DashboardOfAsync("nieuw.lansinghage@zoetermeer.demo");
        Assert.Contains("nog niet gescreend", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Onboarding\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_police_partner_gets_the_partner_dashboard_without_admin()
    {
        var html = await DashboardOfAsync("politie@zoetermeer.demo");
        Assert.Contains("data-persona=\"Partner\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin\"", MainNav(html), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Signals\"", MainNav(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_admin_without_tenant_gets_an_admin_dashboard_without_tenant_links()
    {
        var html = await DashboardOfAsync("admin@pps.demo");
        var nav = MainNav(html);
        Assert.Contains("data-persona=\"PlatformAdmin\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin\"", nav, StringComparison.Ordinal);
        Assert.Contains("href=\"/Audit\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Alerts\"", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Signals\"", nav, StringComparison.Ordinal);
        Assert.Contains("Pijnacker-Nootdorp", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_other_tenants_OOV_sees_their_own_municipality_on_the_dashboard()
    {
        var html = await DashboardOfAsync("oov@pijnacker.demo");
        Assert.Contains("gemeente Pijnacker-Nootdorp", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoetermeer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_sends_anonymous_visitors_to_the_log_in_page()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/Account/Login?ReturnUrl=%2FDashboard", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_member_on_the_home_page_is_sent_to_the_dashboard()
    {
        var client = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Dashboard", response.Headers.Location!.OriginalString);
    }

    private async Task<string> DashboardOfAsync(string email)
    {
        var client = await app.ClientForAsync(email);
        var response = await client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Single(H1().Matches(html));
        return html;
    }

    private static string LangOf(string html) => HtmlLang().Match(html) is { Success: true } m ? m.Groups[1].Value : "(none)";

    private static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "no antiforgery token in the language switch form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string MainNav(string html)
    {
        var start = html.IndexOf("class=\"main-nav\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no main navigation");
        var end = html.IndexOf("</nav>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [GeneratedRegex("<html[^>]*\\slang=\"([^\"]+)\"")]
    private static partial Regex HtmlLang();

    [GeneratedRegex("<h1[\\s>]")]
    private static partial Regex H1();

    [GeneratedRegex("action=\"/culture\"[\\s\\S]*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

[Collection(SqliteApp.Collection)]
public sealed class ShellTestsOnSqlite(SqliteApp app) : ShellTests(app);

[Collection(PostgresApp.Collection)]
public sealed class ShellTestsOnPostgres(PostgresApp app) : ShellTests(app);

/// <summary>Cards that capabilities register, to check how the dashboard renders them (items, badge, empty state, order, absence).</summary>
public abstract class DashboardCardTests(PpsApp app)
{
    [Fact]
    public async Task The_dashboard_renders_registered_cards_in_order_with_badge_items_and_empty_state_and_skips_cards_without_content()
    {
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            services.AddScoped<IDashboardCard, EmptyMeetingsCard>();
            services.AddScoped<IDashboardCard, UrgentAlertsCard>();
            services.AddScoped<IDashboardCard, NotForYouCard>();
        }));
        using var client = await SignedInClientAsync(factory);

        var html = await client.GetStringAsync("/Dashboard");

        var alerts = html.IndexOf("id=\"dashboard-test-alerts\"", StringComparison.Ordinal);
        var meetings = html.IndexOf("id=\"dashboard-test-meetings\"", StringComparison.Ordinal);
        Assert.True(alerts > 0 && meetings > alerts, "cards are rendered by Order");
        Assert.Contains("<span class=\"badge\">2<span class=\"visually-hidden\"> nieuw</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"card__item tone--urgent\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Alerts/42\">Verdacht busje &lt;Lansinghage&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"card__meta\">10 minuten geleden</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Alerts\">Alle waarschuwingen</a>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"empty-state\">Geen overleggen gepland.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not for you", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Er is op dit moment niets nieuws voor je.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_card_leaves_the_rest_of_the_dashboard_standing()
    {
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            services.AddScoped<IDashboardCard, FailingCard>();
            services.AddScoped<IDashboardCard, UrgentAlertsCard>();
        }));
        using var client = await SignedInClientAsync(factory);
        var response = await client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Een deel van je overzicht kon nu niet worden geladen.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"dashboard-test-alerts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("card exploded", html, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignedInClientAsync(WebApplicationFactory<Program> factory)
    {
        using var anonymous = factory.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "ondernemer.lansinghage@zoetermeer.demo", password = DemoData.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed class FailingCard : IDashboardCard
    {
        public int Order => 1;

        public Task<DashboardCardModel?> BuildAsync(CancellationToken ct) => throw new InvalidOperationException("card exploded");
    }

    private sealed class UrgentAlertsCard : IDashboardCard
    {
        public int Order => 10;

        public Task<DashboardCardModel?> BuildAsync(CancellationToken ct) => Task.FromResult<DashboardCardModel?>(new(
            "test-alerts", "Waarschuwingen", null,
            [new DashboardItem("Verdacht busje <Lansinghage>", "/Alerts/42", "10 minuten geleden", "urgent"), new DashboardItem("Inbraak gemeld")],
            MoreUrl: "/Alerts", MoreText: "Alle waarschuwingen", Count: 2));
    }

    private sealed class EmptyMeetingsCard : IDashboardCard
    {
        public int Order => 40;

        public Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
            => Task.FromResult<DashboardCardModel?>(new("test-meetings", "Overleggen", null, [], EmptyText: "Geen overleggen gepland."));
    }

    private sealed class NotForYouCard : IDashboardCard
    {
        public int Order => 20;

        public Task<DashboardCardModel?> BuildAsync(CancellationToken ct) => Task.FromResult<DashboardCardModel?>(null);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DashboardCardTestsOnSqlite(SqliteApp app) : DashboardCardTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DashboardCardTestsOnPostgres(PostgresApp app) : DashboardCardTests(app);

/// <summary>An unhandled failure: a friendly HTML page for pages, ProblemDetails JSON for the API, no internals in either.</summary>
public abstract class ErrorPageTests(PpsApp app)
{
    private const string Secret = "connection string with secret";

    [Fact]
    public async Task An_exception_on_a_page_shows_the_friendly_500_page_without_internals()
    {
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowAtTestPath>()));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var response = await client.GetAsync("/test-boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Er ging iets mis", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_on_an_API_path_stays_a_ProblemDetails_500_without_internals()
    {
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowAtTestPath>()));
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api/test-boom");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
    }

    /// <summary>Appends, after the hub's own pipeline, a step that fails on the test paths (nothing else reaches it).</summary>
    private sealed class ThrowAtTestPath : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use((HttpContext http, RequestDelegate rest) => http.Request.Path.Value is "/test-boom" or "/api/test-boom"
                ? throw new InvalidOperationException(Secret)
                : rest(http));
        };
    }
}

[Collection(SqliteApp.Collection)]
public sealed class ErrorPageTestsOnSqlite(SqliteApp app) : ErrorPageTests(app);

[Collection(PostgresApp.Collection)]
public sealed class ErrorPageTestsOnPostgres(PostgresApp app) : ErrorPageTests(app);
