using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.TwoFactorPolicy;

/// <summary>
/// The per-tenant two-factor requirement (ASVS 5.0 6.3.2/6.3.3). Every test makes a tenant of its own, so the demo
/// tenants (and every other test's callers) stay on "not required".
/// </summary>
public abstract partial class TwoFactorPolicyTests(PpsApp app)
{
    private const string ProblemType = "urn:pps:problem:two-factor-enrolment-required";

    [Fact]
    public async Task A_member_who_must_enrol_signs_in_with_the_password_and_every_page_sends_them_to_the_enrolment_page()
    {
        var (slug, _) = await TenantAsync(TwoFactorRequirement.Everyone);
        var email = await app.CreateMemberAsync(slug);
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));

        foreach (var page in new[] { "/Dashboard", "/Alerts", "/Profile", "/Boards" })
        {
            using var response = await browser.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Profile/TwoFactor", response.Headers.Location?.OriginalString);
        }

        var (status, html) = await browser.GetAsync("/Profile/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"twofactor-required\"", html, StringComparison.Ordinal);
        Assert.Contains("alle leden", html, StringComparison.Ordinal);
        Assert.Contains("id=\"shared-key\"", html, StringComparison.Ordinal);

        // Signing out stays possible.
        using var logout = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string>(), "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var after = await browser.Client.GetAsync("/Profile/TwoFactor");
        Assert.Contains("/Account/Login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_call_of_a_member_who_must_enrol_is_refused_with_a_problem_that_says_why_except_enrolling_itself()
    {
        var (slug, _) = await TenantAsync(TwoFactorRequirement.Everyone);
        var email = await app.CreateMemberAsync(slug);
        var api = await app.ClientForAsync(email);

        foreach (var url in new[] { "/api/alerts", "/api/me", "/api/estates" })
        {
            using var refused = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ProblemType, problem.GetProperty("type").GetString());
            Assert.Equal("/Profile/TwoFactor", problem.GetProperty("enrolUrl").GetString());
            Assert.Contains("twee stappen", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var english = await api.GetAsync("/api/alerts?culture=en"))
        {
            Assert.Contains("two-step log-in", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Identity's own two-factor endpoint stays open: it hands out the key (without ending this token) and enables
        // two-factor log-in with a code; that rotates the stamp, and the next log-in asks for a code and is unrestricted.
        using var enrol = await api.PostAsJsonAsync("/api/auth/manage/2fa", new { });
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        var key = (await enrol.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        using var enable = await api.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.True((await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isTwoFactorEnabled").GetBoolean());

        app.ForgetToken(email);
        using var anonymous = app.AnonymousClient();
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var enrolled = app.AnonymousClient();
        enrolled.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await enrolled.GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task The_live_hub_refuses_to_connect_a_member_who_must_enrol()
    {
        var (slug, _) = await TenantAsync(TwoFactorRequirement.Everyone);
        var email = await app.CreateMemberAsync(slug);
        var connection = await app.ConnectLiveAsync(email, start: false);
        await using (connection)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task A_connection_opened_before_the_tenant_required_two_factor_can_do_nothing_more_and_the_change_is_audited()
    {
        var (slug, tenantId) = await TenantAsync(TwoFactorRequirement.NotRequired);
        var email = await app.CreateMemberAsync(slug);
        // WebSockets only: every invocation then travels over the open connection and meets the hub's own checks
        // (long polling would meet the HTTP authorisation on each poll instead).
        var token = await app.TokenForAsync(email);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, Pps.Web.Live.LiveHub.Path), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.WebSocketFactory = async (context, ct) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        await using (connection)
        {
            await connection.StartAsync();
            Assert.NotNull(await connection.InvokeAsync<object>("CatchUpAlerts", 0L));
            await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());

            var admin = await app.ClientForAsync("admin@pps.demo");
            using (var change = await admin.PutAsJsonAsync($"/api/tenants/{tenantId}/two-factor-policy", new { requirement = "everyone", graceDays = 0 }))
            {
                Assert.Equal(HttpStatusCode.OK, change.StatusCode);
                var view = await change.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("everyone", view.GetProperty("requirement").GetString());
                Assert.Equal(JsonValueKind.Null, view.GetProperty("enrolBy").ValueKind);
            }

            // A method with a policy is refused by it; one without (LeaveBoard) by the hub filter.
            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("CatchUpAlerts", 0L));
            var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("LeaveBoard", Guid.NewGuid()));
            Assert.Contains("Two-factor enrolment required", refused.Message, StringComparison.Ordinal);
        }

        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "tenant.two-factor-policy.changed" && a.Object == $"tenant:{tenantId}"));
        Assert.Equal(tenantId, entry.TenantId);
        Assert.Contains("from=NotRequired;to=Everyone", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_member_enables_two_factor_the_same_browser_session_works_fully_and_the_api_wants_the_code()
    {
        var (slug, _) = await TenantAsync(TwoFactorRequirement.Everyone);
        var email = await app.CreateMemberAsync(slug);
        using var browser = new PageSession(app);
        await browser.LoginAsync(email, DemoData.Password);
        using (var blocked = await browser.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        }

        var (_, page) = await browser.GetAsync("/Profile/TwoFactor");
        var key = KeyPattern().Match(page).Groups[1].Value;
        using (var enable = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Profile/TwoFactor?handler=Enable"))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
            Assert.Contains("id=\"recovery-codes\"", await enable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Enabling rotated the stamp; this browser was signed in again with it, not signed out.
        var (status, dashboard) = await browser.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("id=\"twofactor-required\"", (await browser.GetAsync("/Profile/TwoFactor")).Html, StringComparison.Ordinal);
        Assert.Contains("<h1", dashboard, StringComparison.Ordinal);

        using var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password })).StatusCode);
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var api = app.AnonymousClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task Under_privileged_roles_municipal_staff_police_and_boards_must_enrol_and_other_members_are_unaffected()
    {
        var (slug, tenantId) = await TenantAsync(TwoFactorRequirement.Privileged);
        var estate = await EstateAsync(tenantId, slug);
        var plain = await app.ClientForAsync(await app.CreateMemberAsync(slug, roles: ("entrepreneur", estate)));
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/api/alerts")).StatusCode);
        var council = await app.ClientForAsync(await app.CreateMemberAsync(slug, roles: ("council", null)));
        Assert.Equal(HttpStatusCode.OK, (await council.GetAsync("/api/alerts")).StatusCode);

        foreach (var role in new (string, string?)[] { ("ez", null), ("police", null), ("oov", null), ("board", estate) })
        {
            var staff = await app.ClientForAsync(await app.CreateMemberAsync(slug, roles: role));
            using var refused = await staff.GetAsync("/api/alerts");
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{role.Item1}: {(int)refused.StatusCode}");
            Assert.Equal(ProblemType, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Turning_two_factor_off_is_refused_while_it_is_required_on_the_page_and_through_the_api()
    {
        var (slug, _) = await TenantAsync(TwoFactorRequirement.Everyone);
        var email = await app.CreateMemberAsync(slug);
        using var browser = new PageSession(app);
        await browser.LoginAsync(email, DemoData.Password);
        var key = KeyPattern().Match((await browser.GetAsync("/Profile/TwoFactor")).Html).Groups[1].Value;
        using (await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Profile/TwoFactor?handler=Enable"))
        {
        }

        Assert.True((await MemberAsync(app, email)).TwoFactorEnabled);
        var (_, page) = await browser.GetAsync("/Profile/TwoFactor");
        Assert.Contains("id=\"twofactor-kept\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Disable", page, StringComparison.Ordinal);
        using (var refused = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Password"] = DemoData.Password }, "/Profile/TwoFactor?handler=Disable"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("id=\"password-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True((await MemberAsync(app, email)).TwoFactorEnabled);

        using var anonymous = app.AnonymousClient();
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var api = app.AnonymousClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        foreach (var body in new object[] { new { enable = false }, new { resetSharedKey = true } })
        {
            using var off = await api.PostAsJsonAsync("/api/auth/manage/2fa", body);
            Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
            var problem = await off.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:pps:problem:two-factor-required", problem.GetProperty("type").GetString());
        }

        Assert.True((await MemberAsync(app, email)).TwoFactorEnabled);
        var target = $"member:{(await MemberAsync(app, email)).Id}";
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "auth.2fa-disabled" && a.Object == target)));
    }

    [Fact]
    public async Task Only_the_tenants_own_administrators_and_the_platform_administrator_may_read_or_change_the_policy()
    {
        var (slug, tenantId) = await TenantAsync(TwoFactorRequirement.NotRequired);
        var url = $"/api/tenants/{tenantId}/two-factor-policy";
        var body = new { requirement = "privileged", graceDays = 14 };

        var otherTenantsOov = await app.ClientForAsync("oov@pijnacker.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenantsOov.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenantsOov.PutAsJsonAsync(url, body)).StatusCode);
        var memberOfTheTenant = await app.ClientForAsync(await app.CreateMemberAsync(slug, roles: ("ez", null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await memberOfTheTenant.PutAsJsonAsync(url, body)).StatusCode);
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PutAsJsonAsync(url, body)).StatusCode);
        // The platform administrator reads any tenant's policy; nonsense is a 400, never a 500 or a half-written change.
        var admin = await app.ClientForAsync("admin@pps.demo");
        using (var read = await admin.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("notRequired", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requirement").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(url, new { requirement = "sometimes" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(url, new { graceDays = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(url, new { requirement = "everyone", graceDays = -1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/tenants/{Guid.NewGuid()}/two-factor-policy", body)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.TwoFactorPolicies.IgnoreQueryFilters().AnyAsync(p => p.TenantId == tenantId)));

        // The tenant's own OOV, through the admin page; a missing choice is a field error.
        var oov = await app.CreateMemberAsync(slug, roles: ("oov", null));
        using var browser = new PageSession(app);
        await browser.LoginAsync(oov, DemoData.Password);
        using (var invalid = await browser.PostFormAsync("/Admin/TwoFactor", new Dictionary<string, string> { ["GraceDays"] = "400" }))
        {
            var html = await invalid.Content.ReadAsStringAsync();
            Assert.Contains("id=\"requirement-error\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"graceDays-error\"", html, StringComparison.Ordinal);
        }

        using (var saved = await browser.PostFormAsync("/Admin/TwoFactor", new Dictionary<string, string> { ["Requirement"] = "Privileged", ["GraceDays"] = "14" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var policy = await app.WithDbAsync(db => db.TwoFactorPolicies.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.TenantId == tenantId));
        Assert.Equal(TwoFactorRequirement.Privileged, policy.Requirement);
        Assert.True(Math.Abs((app.Clock.GetUtcNow().AddDays(14) - policy.EnrolBy!.Value).TotalMilliseconds) < 1, $"{policy.EnrolBy:O}");
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "tenant.two-factor-policy.changed" && a.Object == $"tenant:{tenantId}"));
        Assert.Equal(policy.ChangedBy, entry.ActorId);

        // In the grace period the OOV itself is reminded on the dashboard, not blocked.
        var (status, dashboard) = await browser.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("/Profile/TwoFactor", dashboard, StringComparison.Ordinal);
        var (_, adminPage) = await browser.GetAsync("/Admin/TwoFactor");
        Assert.Contains("id=\"policy-current\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("Zoetermeer", adminPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_grace_period_the_member_is_reminded_and_once_it_ends_the_member_must_enrol()
    {
        var (slug, tenantId) = await TenantAsync(TwoFactorRequirement.Everyone, app.Clock.GetUtcNow().AddDays(7));
        var email = await app.CreateMemberAsync(slug);
        var api = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);
        using var browser = new PageSession(app);
        await browser.LoginAsync(email, DemoData.Password);
        var (status, dashboard) = await browser.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/Profile/TwoFactor\"", dashboard, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var policy = await db.TwoFactorPolicies.IgnoreQueryFilters().SingleAsync(p => p.TenantId == tenantId);
            policy.EnrolBy = app.Clock.GetUtcNow().AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<TwoFactorEnrolment>().Evict(tenantId);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/alerts")).StatusCode);
        using var blocked = await browser.Client.GetAsync("/Dashboard");
        Assert.Equal("/Profile/TwoFactor", blocked.Headers.Location?.OriginalString);
    }

    /// <summary>A tenant of the test's own, with the requirement already in place (no cache holds it yet).</summary>
    private async Task<(string Slug, Guid Id)> TenantAsync(TwoFactorRequirement requirement, DateTimeOffset? enrolBy = null)
    {
        var slug = $"t2fa-{Guid.NewGuid():N}"[..24];
        var id = await app.WithDbAsync(async db =>
        {
            var tenant = new Tenant { Name = "Zoetermeer 2FA " + slug, Slug = slug, CreatedAt = app.Clock.GetUtcNow() };
            db.Tenants.Add(tenant);
            if (requirement != TwoFactorRequirement.NotRequired)
            {
                db.TwoFactorPolicies.Add(new TenantTwoFactorPolicy { TenantId = tenant.Id, Requirement = requirement, EnrolBy = enrolBy, ChangedAt = app.Clock.GetUtcNow() });
            }

            await db.SaveChangesAsync();
            return tenant.Id;
        });
        return (slug, id);
    }

    /// <summary>Copies a demo estate's outline into the test's tenant, for estate roles.</summary>
    private async Task<string> EstateAsync(Guid tenantId, string slug)
    {
        await app.WithDbAsync(async db =>
        {
            var demo = await db.Estates.AsNoTracking().FirstAsync();
            db.Estates.Add(new Estate { TenantId = tenantId, Name = "Estate " + slug, Slug = "estate", OutlineGeoJson = demo.OutlineGeoJson, CreatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        return "estate";
    }

    [GeneratedRegex("id=\"shared-key\" data-key=\"([A-Z2-7]+)\"")]
    private static partial Regex KeyPattern();
}

[Collection(SqliteApp.Collection)]
public sealed class TwoFactorPolicyTestsOnSqlite(SqliteApp app) : TwoFactorPolicyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class TwoFactorPolicyTestsOnPostgres(PostgresApp app) : TwoFactorPolicyTests(app);

/// <summary>The rule itself, without a hub: who must enrol under which requirement.</summary>
public sealed class TwoFactorRuleTests
{
    private static readonly Guid Estate = Guid.NewGuid();

    private static ClaimsPrincipal Member(bool enrolled, params Claim[] claims)
    {
        var all = new List<Claim>(claims) { new(PpsClaims.MemberId, Guid.NewGuid().ToString()) };
        if (enrolled)
        {
            all.Add(new Claim(PpsClaims.TwoFactor, "on"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(all, "test"));
    }

    private static Claim InTenant => new(PpsClaims.TenantId, Guid.NewGuid().ToString());

    [Fact]
    public void The_requirement_follows_the_tenants_policy_the_roles_and_the_platform_setting()
    {
        var entrepreneur = Member(false, InTenant, new Claim(PpsClaims.EstateRole, $"{Roles.Entrepreneur}:{Estate}"));
        var board = Member(false, InTenant, new Claim(PpsClaims.EstateRole, $"{Roles.Board}:{Estate}"));
        var ez = Member(false, InTenant, new Claim(ClaimTypes.Role, Roles.Ez));
        var enrolledEz = Member(true, InTenant, new Claim(ClaimTypes.Role, Roles.Ez));
        var admin = Member(false, new Claim(ClaimTypes.Role, Roles.PlatformAdmin));
        var now = DateTimeOffset.UtcNow;

        Assert.False(TwoFactorEnrolment.Evaluate(ez, TwoFactorRequirement.NotRequired, null, true).Applies);
        Assert.False(TwoFactorEnrolment.Evaluate(entrepreneur, TwoFactorRequirement.Privileged, null, true).Applies);
        Assert.True(TwoFactorEnrolment.Evaluate(board, TwoFactorRequirement.Privileged, null, true).BlocksAt(now));
        Assert.True(TwoFactorEnrolment.Evaluate(ez, TwoFactorRequirement.Privileged, null, true).BlocksAt(now));
        Assert.True(TwoFactorEnrolment.Evaluate(entrepreneur, TwoFactorRequirement.Everyone, null, true).BlocksAt(now));

        var enrolled = TwoFactorEnrolment.Evaluate(enrolledEz, TwoFactorRequirement.Everyone, null, true);
        Assert.True(enrolled.Applies);
        Assert.False(enrolled.BlocksAt(now));

        var grace = TwoFactorEnrolment.Evaluate(ez, TwoFactorRequirement.Everyone, now.AddDays(1), true);
        Assert.False(grace.BlocksAt(now));
        Assert.True(grace.RemindsAt(now));
        Assert.True(grace.BlocksAt(now.AddDays(1)));

        Assert.True(TwoFactorEnrolment.Evaluate(admin, TwoFactorRequirement.NotRequired, null, requireForPlatformAdmins: true).BlocksAt(now));
        Assert.False(TwoFactorEnrolment.Evaluate(admin, TwoFactorRequirement.Everyone, null, requireForPlatformAdmins: false).Applies);
    }
}
