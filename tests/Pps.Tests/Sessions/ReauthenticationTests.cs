using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Sessions;

/// <summary>
/// ASVS 7.5.1: a new e-mail address or phone number asks for the current password (or, without one, a fresh sign-in);
/// refused changes change nothing and are audited.
/// </summary>
public abstract class ReauthenticationTests(PpsApp app)
{
    [Fact]
    public async Task A_new_phone_number_needs_the_current_password()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await SessionCallers.BearerAsync(app, email);

        var missing = await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 1111 2222", null));
        await AssertFieldErrorAsync(missing, "currentPassword");
        var wrong = await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 1111 2222", "Not-the-password-2026"));
        await AssertFieldErrorAsync(wrong, "currentPassword");
        Assert.Null(await PhoneAsync(email));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "member.phone-change-refused" && a.Actor == email)));

        // Other fields change without the password.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/me/profile", Profile(null, null, "Zonder Wachtwoord"))).StatusCode);

        var right = await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 1111 2222", DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("+31 6 1111 2222", await PhoneAsync(email));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "member.profile-updated" && a.Actor == email && a.Detail!.Contains("phoneChanged=True"))));
    }

    [Fact]
    public async Task The_profile_page_asks_for_the_current_password_beside_the_field_and_keeps_the_old_number()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));

        using (var refused = await browser.PostFormAsync("/Profile", new Dictionary<string, string> { ["DisplayName"] = "Pagina Persoon", ["PhoneNumber"] = "+31 6 3333 4444", ["Culture"] = "nl" }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("id=\"currentpassword-error\"", html, StringComparison.Ordinal);
        }

        Assert.Null(await PhoneAsync(email));
        using (var saved = await browser.PostFormAsync("/Profile", new Dictionary<string, string> { ["DisplayName"] = "Pagina Persoon", ["PhoneNumber"] = "+31 6 3333 4444", ["Culture"] = "nl", ["CurrentPassword"] = DemoData.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("+31 6 3333 4444", await PhoneAsync(email));
    }

    [Fact]
    public async Task A_new_email_address_through_the_identity_api_needs_the_current_password()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var newEmail = $"nieuw-{Guid.NewGuid():N}@example.test";
        using var api = await SessionCallers.BearerAsync(app, email);

        await AssertFieldErrorAsync(await api.PostAsJsonAsync("/api/auth/manage/info", new { newEmail }), "oldPassword");
        await AssertFieldErrorAsync(await api.PostAsJsonAsync("/api/auth/manage/info", new { newEmail, oldPassword = "Not-the-password-2026" }), "oldPassword");
        Assert.False(await MailQueuedToAsync(newEmail));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "member.email-change-refused" && a.Actor == email)));

        var right = await api.PostAsJsonAsync("/api/auth/manage/info", new { newEmail, oldPassword = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(await MailQueuedToAsync(newEmail));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "member.email-change-requested" && a.Actor == email)));
    }

    [Fact]
    public async Task A_member_without_a_password_changes_the_phone_number_only_soon_after_signing_in()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await SessionCallers.BearerAsync(app, email);
        // As after a municipal log-in: the account has no password of its own.
        await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).ExecuteUpdateAsync(s => s.SetProperty(m => m.PasswordHash, (string?)null)));

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 5555 6666", null))).StatusCode);
        Assert.Equal("+31 6 5555 6666", await PhoneAsync(email));

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            await AssertFieldErrorAsync(await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 7777 8888", null)), "currentPassword");
            Assert.Equal("+31 6 5555 6666", await PhoneAsync(email));
        }
        finally
        {
            app.ForgetTokens();
        }
    }

    [Fact]
    public async Task Wrong_current_passwords_are_throttled_without_locking_the_member_out_of_signing_in()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await SessionCallers.BearerAsync(app, email);
        for (var i = 0; i < 5; i++)
        {
            await AssertFieldErrorAsync(await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 2222 3333", $"Wrong-guess-{i}-2026")), "currentPassword");
        }

        // The sixth try is refused even with the right password; signing in still works.
        await AssertFieldErrorAsync(await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 2222 3333", DemoData.Password)), "currentPassword");
        Assert.Null(await PhoneAsync(email));
        using var signedIn = await SessionCallers.BearerAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/me/profile", Profile("+31 6 2222 3333", DemoData.Password))).StatusCode);
            Assert.Equal("+31 6 2222 3333", await PhoneAsync(email));
        }
        finally
        {
            app.ForgetTokens();
        }
    }

    private static object Profile(string? phone, string? currentPassword, string name = "Profiel Persoon")
        => new { displayName = name, phoneNumber = phone, culture = "nl", sharePhone = false, shareEmail = false, currentPassword };

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), body.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    private Task<string?> PhoneAsync(string email)
        => app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.PhoneNumber).SingleAsync());

    private Task<bool> MailQueuedToAsync(string address)
        => app.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == address));
}

[Collection(SqliteApp.Collection)]
public sealed class ReauthenticationTestsOnSqlite(SqliteApp app) : ReauthenticationTests(app);

[Collection(PostgresApp.Collection)]
public sealed class ReauthenticationTestsOnPostgres(PostgresApp app) : ReauthenticationTests(app);
