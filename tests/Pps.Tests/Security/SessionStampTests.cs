using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Security;

/// <summary>
/// A rotated security stamp (log-out, a role change, a suspension) refuses the member's existing bearer tokens and
/// cookies on their very next HTTP request, not when the token expires or the cookie is re-validated minutes later.
/// </summary>
public abstract class SessionStampTests(PpsApp app)
{
    [Fact]
    public async Task A_bearer_token_is_refused_on_the_next_request_after_the_member_logs_out_in_a_browser()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        using (var logout = await browser.PostFormAsync("/Account/Logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/alerts")).StatusCode);

        // Signing in again works.
        app.ForgetToken(email);
        using var again = await BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_is_refused_on_the_next_request_after_the_oov_revokes_a_role()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);

        var (memberId, assignmentId) = await app.WithDbAsync(async db =>
        {
            var id = await db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync();
            return (id, await db.RoleAssignments.Where(r => r.MemberId == id).Select(r => r.Id).SingleAsync());
        });
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NoContent, (await oov.DeleteAsync($"/api/members/{memberId}/roles/{assignmentId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/alerts")).StatusCode);

        // The new sign-in carries the rights the member has now: no estate role any more.
        app.ForgetToken(email);
        using var again = await BearerClientAsync(email);
        var me = await again.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me");
        Assert.Equal(0, me.GetProperty("estates").GetArrayLength());
    }

    [Fact]
    public async Task A_bearer_token_is_refused_on_the_next_request_after_a_suspension()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        using var api = await BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var suspended = await ez.PostAsJsonAsync($"/api/vetting/{memberId}/suspend", new { reason = "Test of the session check" });
        Assert.True(suspended.IsSuccessStatusCode, $"suspend: {(int)suspended.StatusCode} {await suspended.Content.ReadAsStringAsync()}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Logging_out_in_one_browser_ends_the_cookie_session_in_the_other_browser_at_its_next_request()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var desktop = new PageSession(app);
        using var phone = new PageSession(app);
        Assert.Equal("/Dashboard", await desktop.LoginAsync(email, DemoData.Password));
        Assert.Equal("/Dashboard", await phone.LoginAsync(email, DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await desktop.GetAsync("/Dashboard")).Status);

        using (var logout = await phone.PostFormAsync("/Account/Logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var next = await desktop.Client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        // The stale cookie is removed, and the API refuses it too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await desktop.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_role_assigned_by_the_oov_ends_the_members_cookie_session_and_the_new_sign_in_has_the_role()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).Status);

        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var assigned = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Ro });
        Assert.True(assigned.IsSuccessStatusCode, $"assign: {(int)assigned.StatusCode} {await assigned.Content.ReadAsStringAsync()}");

        using (var next = await browser.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
            Assert.Contains("/Account/Login", next.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }

        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        var me = await browser.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me");
        Assert.Contains(me.GetProperty("roles").EnumerateArray(), r => r.GetString() == Roles.Ro);
    }

    [Fact]
    public async Task A_rotation_this_instance_was_not_told_about_is_refused_once_the_cached_stamp_expires()
    {
        // Another instance without a backplane (or a lost Redis message) rotated the stamp with no word to this one:
        // the documented worst case is the stamp cache's lifetime (30 s).
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await BearerClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        await app.WithDbAsync(db => db.Members.Where(m => m.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SecurityStamp, Guid.NewGuid().ToString("N"))));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Opening_the_two_factor_page_which_prepares_a_key_ends_no_session_of_the_member()
    {
        // Preparing the first authenticator key turns nothing on: neither this browser nor the member's API token ends.
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await BearerClientAsync(email);
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Profile/TwoFactor")).Status);
        Assert.NotNull(await app.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "AuthenticatorKey" && db.Members.Any(m => m.Id == t.UserId && m.Email == email)).Select(t => t.Value).SingleOrDefaultAsync()));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
    }

    private async Task<HttpClient> BearerClientAsync(string email)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenForAsync(email));
        return client;
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SessionStampTestsOnSqlite(SqliteApp app) : SessionStampTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SessionStampTestsOnPostgres(PostgresApp app) : SessionStampTests(app);
