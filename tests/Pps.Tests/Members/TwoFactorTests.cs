using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Tenancy;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

public abstract partial class TwoFactorTests(PpsApp app)
{
    [Fact]
    public async Task A_member_enables_an_authenticator_and_then_logs_in_with_its_code_or_a_recovery_code()
    {
        var email = await app.CreateMemberAsync(roles: ("entrepreneur", "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));

        var (status, page) = await browser.GetAsync("/Profile/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, status);
        var key = KeyPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), page);
        Assert.Contains($"otpauth://totp/PPS%20Hub:{Uri.EscapeDataString(email)}?secret={key}", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", page, StringComparison.Ordinal);

        // A wrong code does not enable it.
        var wrongCode = (int.Parse(Totp.Code(key, DateTimeOffset.UtcNow), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000;
        using (var wrong = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Code"] = wrongCode.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) }, "/Profile/TwoFactor?handler=Enable"))
        {
            Assert.Contains("id=\"code-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False((await MemberAsync(app, email)).TwoFactorEnabled);

        string[] recoveryCodes;
        using (var enable = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Profile/TwoFactor?handler=Enable"))
        {
            var html = await enable.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
            recoveryCodes = RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        }

        Assert.Equal(10, recoveryCodes.Length);
        var member = await MemberAsync(app, email);
        Assert.True(member.TwoFactorEnabled);

        // The password alone is no longer enough.
        using var second = new PageSession(app);
        Assert.StartsWith("/Account/LoginWith2fa", await second.LoginAsync(email, DemoData.Password), StringComparison.Ordinal);
        using (var bad = await second.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = "12345" }))
        {
            Assert.Contains("id=\"code-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var ok = await second.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Equal("/Dashboard", ok.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/Profile")).Status);

        // A recovery code works once.
        using var third = new PageSession(app);
        Assert.StartsWith("/Account/LoginWith2fa", await third.LoginAsync(email, DemoData.Password), StringComparison.Ordinal);
        using (var recovered = await third.PostFormAsync("/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["RecoveryCode"] = recoveryCodes[0] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        }

        using var fourth = new PageSession(app);
        await fourth.LoginAsync(email, DemoData.Password);
        using (var reused = await fourth.PostFormAsync("/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["RecoveryCode"] = recoveryCodes[0] }))
        {
            Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
            Assert.Contains("id=\"recoverycode-error\"", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The API login asks for the code too.
        using var api = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) })).StatusCode);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == member.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("auth.2fa-enabled", actions);
        Assert.Contains("auth.login-2fa-required", actions);
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password_and_is_audited()
    {
        var email = await app.CreateMemberAsync();
        using var browser = new PageSession(app);
        await browser.LoginAsync(email, DemoData.Password);
        var (_, page) = await browser.GetAsync("/Profile/TwoFactor");
        var key = KeyPattern().Match(page).Groups[1].Value;
        using (await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Profile/TwoFactor?handler=Enable"))
        {
        }

        Assert.True((await MemberAsync(app, email)).TwoFactorEnabled);
        using (var refused = await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Password"] = "not-my-password" }, "/Profile/TwoFactor?handler=Disable"))
        {
            Assert.Contains("id=\"password-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True((await MemberAsync(app, email)).TwoFactorEnabled);
        using (await browser.PostFormAsync("/Profile/TwoFactor", new Dictionary<string, string> { ["Password"] = DemoData.Password }, "/Profile/TwoFactor?handler=Disable"))
        {
        }

        var member = await MemberAsync(app, email);
        Assert.False(member.TwoFactorEnabled);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorId == member.Id && a.Action == "auth.2fa-disabled")));
        using var fresh = new PageSession(app);
        Assert.Equal("/Dashboard", await fresh.LoginAsync(email, DemoData.Password));
    }

    [Fact]
    public async Task The_two_factor_pages_are_for_signed_in_members_only()
    {
        using var anonymous = new PageSession(app);
        using var profile = await anonymous.Client.GetAsync("/Profile/TwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains("/Account/Login", profile.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var response = await anonymous.Client.GetAsync("/Account/LoginWith2fa");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"shared-key\" data-key=\"([A-Z2-7]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}

[Collection(SqliteApp.Collection)]
public sealed class TwoFactorTestsOnSqlite(SqliteApp app) : TwoFactorTests(app);

[Collection(PostgresApp.Collection)]
public sealed class TwoFactorTestsOnPostgres(PostgresApp app) : TwoFactorTests(app);
