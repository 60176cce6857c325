using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Tenancy;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

public abstract partial class AccountSecurityTests(PpsApp app)
{
    [Fact]
    public async Task After_five_failed_attempts_the_right_password_is_refused_and_the_failures_and_lockout_are_audited()
    {
        var email = await app.CreateMemberAsync();
        using var browser = new PageSession(app);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await browser.LoginAsync(email, "Wrong-password-" + i));
        }

        using var sixth = await browser.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        var cookies = sixth.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("pps.auth=", StringComparison.Ordinal));
        Assert.Contains("role=\"alert\"", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The API refuses it as well.
        using var api = app.AnonymousClient();
        var apiLogin = await api.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, apiLogin.StatusCode);

        var member = await MemberAsync(app, email);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == member.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("auth.login-failed", actions);
        Assert.Contains("auth.lockout", actions);
        Assert.DoesNotContain("auth.login", actions);
    }

    [Fact]
    public async Task Password_reset_mails_a_link_only_to_a_known_address_and_the_page_answers_the_same_either_way()
    {
        var email = await app.CreateMemberAsync();
        var unknown = NewEmail("nobody");
        using var browser = new PageSession(app);

        using var forUnknown = await browser.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = unknown });
        using var forKnown = await browser.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email });
        var unknownHtml = await forUnknown.Content.ReadAsStringAsync();
        var knownHtml = await forKnown.Content.ReadAsStringAsync();
        Assert.Contains("forgot-sent", unknownHtml, StringComparison.Ordinal);
        Assert.Equal(MainOf(unknownHtml), MainOf(knownHtml));
        Assert.Empty(await MailToAsync(app, unknown));

        var mail = Assert.Single(await MailToAsync(app, email));
        var link = LinkIn(mail, "/Account/ResetPassword").Replace("http://localhost", "", StringComparison.Ordinal);
        var newPassword = NewPassword();
        using (var mismatch = await browser.PostFormAsync(link, Fields(link, newPassword, "something-else-1A")))
        {
            Assert.Contains("id=\"confirmpassword-error\"", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var reset = await browser.PostFormAsync(link, Fields(link, newPassword, newPassword)))
        {
            Assert.Contains("alert--success", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await browser.LoginAsync(email, DemoData.Password));
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, newPassword));

        // The link works once: the password change rotated the security stamp it was bound to.
        using var stranger = new PageSession(app);
        using var again = await stranger.PostFormAsync(link, Fields(link, "Another-pass-1A", "Another-pass-1A"));
        Assert.Contains("alert--error", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var member = await MemberAsync(app, email);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == member.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("auth.password-reset-requested", actions);
        Assert.Contains("auth.password-reset", actions);
    }

    [Fact]
    public async Task Security_events_are_audited_and_no_password_or_token_ends_up_in_the_audit_log()
    {
        var email = NewEmail("audit");
        var password = NewPassword();
        var wrong = NewPassword();
        var newPassword = NewPassword();
        var response = await RegisterAsync(app, new { email, password, displayName = "Audit Anna", tenantId = await TenantIdAsync(app), estateId = await app.EstateIdAsync("bleizo") });
        AssertStatus(HttpStatusCode.Accepted, response);
        var confirm = LinkIn(Assert.Single(await MailToAsync(app, email)), "/Account/ConfirmEmail");

        using var browser = new PageSession(app);
        await browser.GetAsync(confirm.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Null(await browser.LoginAsync(email, wrong));
        using var api = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = wrong })).StatusCode);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, password));
        using (var logout = await browser.PostFormAsync("/Account/Logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using (await browser.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email }))
        {
        }

        var reset = LinkIn(Assert.Single(await MailToAsync(app, email), m => (m.TextBody ?? "").Contains("/Account/ResetPassword", StringComparison.Ordinal)), "/Account/ResetPassword")
            .Replace("http://localhost", "", StringComparison.Ordinal);
        using (await browser.PostFormAsync(reset, Fields(reset, newPassword, newPassword)))
        {
        }

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = newPassword })).StatusCode);

        var member = await MemberAsync(app, email);
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ActorId == member.Id || a.Actor == email).ToListAsync());
        var actions = rows.Select(a => a.Action).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "auth.registered", "auth.email-confirmed", "auth.login-failed", "auth.login", "auth.logout", "auth.password-reset-requested", "auth.password-reset" },
            actions);

        var confirmCode = Regex.Match(confirm, "code=([^&]+)").Groups[1].Value;
        var resetCode = Regex.Match(reset, "code=([^&]+)").Groups[1].Value;
        var secrets = new[] { password, wrong, newPassword, confirmCode, resetCode, Uri.UnescapeDataString(resetCode) };
        var everything = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => new { a.Actor, a.Object, a.Detail }).ToListAsync());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(everything, a =>
                (a.Actor?.Contains(secret, StringComparison.Ordinal) ?? false)
                || (a.Object?.Contains(secret, StringComparison.Ordinal) ?? false)
                || (a.Detail?.Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }

    private static Dictionary<string, string> Fields(string link, string password, string confirm)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://localhost" + link).Query);
        return new Dictionary<string, string> { ["Email"] = query["email"]!, ["Code"] = query["code"]!, ["Password"] = password, ["ConfirmPassword"] = confirm };
    }

    private static string MainOf(string html) => MainPattern().Match(html).Value;

    [GeneratedRegex("<main.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();
}

[Collection(SqliteApp.Collection)]
public sealed class AccountSecurityTestsOnSqlite(SqliteApp app) : AccountSecurityTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AccountSecurityTestsOnPostgres(PostgresApp app) : AccountSecurityTests(app);
