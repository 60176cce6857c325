using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

public abstract class PrivacyTests(PpsApp app)
{
    [Fact]
    public async Task The_export_holds_the_members_own_data_and_nobody_elses()
    {
        var email = await app.CreateMemberAsync(roles: ("entrepreneur", "zoeterhage"));
        var other = await app.CreateMemberAsync(roles: ("entrepreneur", "zoeterhage"));
        await app.ClientForAsync(other); // the other member's log-in is audited too
        using (var browser = new PageSession(app))
        {
            using (await browser.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email }))
            {
            }

            using (await browser.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = other }))
            {
            }
        }

        var client = await app.ClientForAsync(email);
        var response = await client.GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;

        Assert.Equal(email, export.GetProperty("member").GetProperty("email").GetString());
        Assert.Contains(export.GetProperty("roles").EnumerateArray(), r => r.GetProperty("role").GetString() == "entrepreneur" && r.GetProperty("estateName").GetString() == "Zoeterhage");
        var actions = export.GetProperty("auditEntries").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("auth.login", actions);
        Assert.Contains("auth.password-reset-requested", actions);
        var mail = Assert.Single(export.GetProperty("emails").EnumerateArray());
        Assert.DoesNotMatch("code=[A-Za-z0-9_-]{10,}", mail.GetProperty("textBody").GetString()!);

        Assert.DoesNotContain(other, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        var me = await MemberAsync(app, email);
        Assert.DoesNotContain(me.SecurityStamp!, text, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorId == me.Id && a.Action == "privacy.exported")));
    }

    [Fact]
    public async Task The_export_needs_a_signed_in_member()
    {
        var response = await app.AnonymousClient().GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_profile_page_saves_name_phone_language_and_sharing_consent()
    {
        var email = await app.CreateMemberAsync();
        using var browser = new PageSession(app);
        await browser.LoginAsync(email, DemoData.Password);
        var (status, page) = await browser.GetAsync("/Profile");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(email, page, StringComparison.Ordinal);

        using (var bad = await browser.PostFormAsync("/Profile", new Dictionary<string, string> { ["DisplayName"] = "Pieter Profiel", ["PhoneNumber"] = "call me maybe", ["Culture"] = "en" }))
        {
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Matches("id=\"phonenumber\"[^>]*aria-describedby=\"phonenumber-error\"", html);
        }

        using (var ok = await browser.PostFormAsync("/Profile", new Dictionary<string, string>
               {
                   ["DisplayName"] = "Pieter Profiel", ["PhoneNumber"] = "+31 6 1234 5678", ["Culture"] = "en", ["SharePhone"] = "true", ["CurrentPassword"] = DemoData.Password,
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        }

        var member = await MemberAsync(app, email);
        Assert.Equal("Pieter Profiel", member.DisplayName);
        Assert.Equal("+31 6 1234 5678", member.PhoneNumber);
        Assert.Equal("en", member.Culture);
        Assert.True(member.SharePhone);
        Assert.False(member.ShareEmail);

        // The language preference applies: the profile now renders in English.
        var (_, english) = await browser.GetAsync("/Profile");
        Assert.Contains("My profile", english, StringComparison.Ordinal);

        // The page's download button works with the page session (cookie), not only with a bearer token.
        var (exportStatus, export) = await browser.GetAsync("/api/me/export");
        Assert.Equal(HttpStatusCode.OK, exportStatus);
        Assert.Contains("+31 6 1234 5678", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrepreneur_cannot_erase_anyone()
    {
        var target = await MemberAsync(app, await app.CreateMemberAsync());
        var client = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var response = await client.PostAsync($"/api/members/{target.Id}/erasure", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/members/erasure-requests")).StatusCode);
        Assert.Null((await MemberAsync(app, target.Email!)).ErasedAt);
    }

    [Fact]
    public async Task The_OOV_of_Pijnacker_cannot_see_or_erase_a_Zoetermeer_member()
    {
        var email = await app.CreateMemberAsync();
        var requester = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await requester.PostAsync("/api/me/erasure-request", null)).StatusCode);
        var target = await MemberAsync(app, email);

        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");
        var requests = await pijnacker.GetFromJsonAsync<JsonElement[]>("/api/members/erasure-requests");
        Assert.DoesNotContain(requests!, r => r.GetProperty("memberId").GetGuid() == target.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.PostAsync($"/api/members/{target.Id}/erasure", null)).StatusCode);
        Assert.Null((await MemberAsync(app, email)).ErasedAt);
    }

    [Fact]
    public async Task Erasure_needs_a_request_from_the_member()
    {
        var target = await MemberAsync(app, await app.CreateMemberAsync());
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Conflict, (await oov.PostAsync($"/api/members/{target.Id}/erasure", null)).StatusCode);
    }

    [Fact]
    public async Task After_erasure_the_member_is_a_former_member_without_personal_data_and_cannot_log_in()
    {
        var email = await app.CreateMemberAsync(roles: ("entrepreneur", "hoornwijck"));
        using (var browser = new PageSession(app))
        {
            await browser.LoginAsync(email, DemoData.Password);
            using var request = await browser.PostFormAsync("/Profile", new Dictionary<string, string>(), "/Profile?handler=Erase");
            Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        }

        var before = await MemberAsync(app, email);
        Assert.NotNull(before.ErasureRequestedAt);

        // The OOV of the member's municipality sees the request on the admin page and carries it out there.
        using var oov = new PageSession(app);
        Assert.Equal("/Dashboard", await oov.LoginAsync("oov@zoetermeer.demo", DemoData.Password));
        var (status, list) = await oov.GetAsync("/Admin/Erasures");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(email, list, StringComparison.Ordinal);
        using (var erase = await oov.PostFormAsync("/Admin/Erasures", new Dictionary<string, string> { ["id"] = before.Id.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        }

        var after = await app.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == before.Id));
        Assert.Equal(Member.FormerMemberName, after.DisplayName);
        Assert.NotEqual(email, after.Email);
        Assert.DoesNotContain(email.Split('@')[0], after.Email!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(after.PhoneNumber);
        Assert.Null(after.PasswordHash);
        Assert.False(after.TwoFactorEnabled);
        Assert.Equal(DateTimeOffset.MaxValue, after.LockoutEnd);
        Assert.NotNull(after.ErasedAt);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.MemberId == before.Id)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "privacy.erased" && a.Object == $"member:{before.Id}")));

        using var api = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password })).StatusCode);
        using var again = new PageSession(app);
        Assert.Null(await again.LoginAsync(email, DemoData.Password));

        var (_, empty) = await oov.GetAsync("/Admin/Erasures");
        Assert.DoesNotContain(email, empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_administrator_can_erase_a_member_of_any_municipality_through_the_api()
    {
        var email = await app.CreateMemberAsync("pijnacker-nootdorp");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(email)).PostAsync("/api/me/erasure-request", null)).StatusCode);
        var target = await MemberAsync(app, email);

        var admin = await app.ClientForAsync("admin@pps.demo");
        var requests = await admin.GetFromJsonAsync<JsonElement[]>("/api/members/erasure-requests");
        Assert.Contains(requests!, r => r.GetProperty("memberId").GetGuid() == target.Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/members/{target.Id}/erasure", null)).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Members.Where(m => m.Id == target.Id).Select(m => m.ErasedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_open_session_of_an_erased_member_ends_within_minutes()
    {
        var email = await app.CreateMemberAsync();
        using var session = new PageSession(app);
        Assert.Equal("/Dashboard", await session.LoginAsync(email, DemoData.Password));
        using (await session.PostFormAsync("/Profile", new Dictionary<string, string>(), "/Profile?handler=Erase"))
        {
        }

        var target = await MemberAsync(app, email);
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsync($"/api/members/{target.Id}/erasure", null)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        using var response = await session.Client.GetAsync("/Profile");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrepreneur_cannot_open_the_erasure_admin_page()
    {
        using var browser = new PageSession(app);
        await browser.LoginAsync(await app.CreateMemberAsync(roles: ("entrepreneur", "lansinghage")), DemoData.Password);
        using var response = await browser.Client.GetAsync("/Admin/Erasures");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/Account/AccessDenied", path, StringComparison.Ordinal);
        var (status, _) = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class PrivacyTestsOnSqlite(SqliteApp app) : PrivacyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class PrivacyTestsOnPostgres(PostgresApp app) : PrivacyTests(app);
