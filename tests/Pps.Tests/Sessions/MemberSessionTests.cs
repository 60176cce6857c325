using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Sessions;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Sessions;

namespace Pps.Tests.Sessions;

/// <summary>
/// ASVS 7.5.2 and 7.4.5: a member sees their own sessions and ends any of them; an administrator ends all of a
/// member's sessions. An ended session's cookie or token is refused on its very next request and its hub connections
/// close, while the member's other sessions go on.
/// </summary>
public abstract class MemberSessionTests(PpsApp app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    [Fact]
    public async Task The_list_shows_the_members_own_sessions_with_a_coarse_device_and_this_one_marked()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var other = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var phone = SessionCallers.Bearer(app, (await SessionCallers.LoginAsync(app, email, ChromeOnWindows)).Access);
        using var laptop = await SessionCallers.BearerAsync(app, email);
        using var stranger = await SessionCallers.BearerAsync(app, other);
        var strangerSession = await SessionCallers.CurrentSessionAsync(stranger);

        var sessions = await SessionCallers.SessionsAsync(laptop);

        Assert.Equal(2, sessions.Length);
        Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        var current = sessions.Single(s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Firefox", current.GetProperty("browser").GetString());
        Assert.Equal("Linux", current.GetProperty("system").GetString());
        Assert.Equal(SessionKinds.App, current.GetProperty("kind").GetString());
        var first = sessions.Single(s => !s.GetProperty("current").GetBoolean());
        Assert.Equal("Chrome", first.GetProperty("browser").GetString());
        Assert.Equal("Windows", first.GetProperty("system").GetString());
        Assert.DoesNotContain(sessions, s => s.GetProperty("id").GetGuid() == strangerSession);

        // Nothing identifying beyond the coarse device is stored: no User-Agent string, no address.
        var stored = await app.WithDbAsync(db => db.MemberSessions.AsNoTracking().SingleAsync(s => s.Id == first.GetProperty("id").GetGuid()));
        Assert.Equal("Chrome", stored.Browser);
    }

    [Fact]
    public async Task Ending_one_session_refuses_its_token_and_refresh_at_once_and_closes_its_hub_connection_while_the_other_goes_on()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var keep = await SessionCallers.LoginAsync(app, email);
        var end = await SessionCallers.LoginAsync(app, email);
        using var keeper = SessionCallers.Bearer(app, keep.Access);
        using var ended = SessionCallers.Bearer(app, end.Access);
        var endId = await SessionCallers.CurrentSessionAsync(ended);
        await using var keptLive = await SessionCallers.ConnectAsync(app, keep.Access);
        await using var endedLive = await SessionCallers.ConnectAsync(app, end.Access);

        Assert.Equal(HttpStatusCode.NoContent, (await keeper.DeleteAsync($"/api/me/sessions/{endId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ended.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keeper.GetAsync("/api/me")).StatusCode);
        using (var anonymous = app.AnonymousClient())
        {
            var refresh = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = end.Refresh });
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }

        Assert.Equal(CloseEndedSessions.Reason, await endedLive.SessionEnded.Task.WaitAsync(Wait));
        await endedLive.Closed.Task.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Connected, keptLive.Connection.State);
        await keptLive.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        Assert.False(keptLive.SessionEnded.Task.IsCompleted);

        Assert.DoesNotContain(await SessionCallers.SessionsAsync(keeper), s => s.GetProperty("id").GetGuid() == endId);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "session.ended" && a.Detail!.Contains(endId.ToString()))));
    }

    [Fact]
    public async Task An_ended_sessions_token_replayed_in_a_loop_is_refused_without_a_database_read_per_request()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var keep = await SessionCallers.LoginAsync(app, email);
        var end = await SessionCallers.LoginAsync(app, email);
        using var keeper = SessionCallers.Bearer(app, keep.Access);
        using var ended = SessionCallers.Bearer(app, end.Access);
        var endId = await SessionCallers.CurrentSessionAsync(ended);
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.DeleteAsync($"/api/me/sessions/{endId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ended.GetAsync("/api/me")).StatusCode);
        var stamps = app.Services.GetRequiredService<MemberStamps>();
        var reads = stamps.Reads;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ended.GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await keeper.GetAsync("/api/me")).StatusCode);
        Assert.Equal(reads, stamps.Reads);

        // A session that starts after this instance read the member (a new device) is still read and let in.
        var later = await SessionCallers.LoginAsync(app, email);
        using var newDevice = SessionCallers.Bearer(app, later.Access);
        Assert.Equal(HttpStatusCode.OK, (await newDevice.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_browser_session_from_the_api_signs_that_browser_out_on_its_next_request()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).Status);
        using var api = await SessionCallers.BearerAsync(app, email);
        var browserSession = (await SessionCallers.SessionsAsync(api)).Single(s => s.GetProperty("kind").GetString() == SessionKinds.Browser).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/me/sessions/{browserSession}")).StatusCode);

        using var next = await browser.Client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Ending_all_other_sessions_keeps_only_the_one_that_asked()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        using var other = await SessionCallers.BearerAsync(app, email);
        using var me = await SessionCallers.BearerAsync(app, email);
        Assert.Equal(3, (await SessionCallers.SessionsAsync(me)).Length);

        var response = await me.PostAsync("/api/me/sessions/end-others", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await response.Content.ReadFromJsonAsync<int>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        using (var next = await browser.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        var left = await SessionCallers.SessionsAsync(me);
        Assert.True(Assert.Single(left).GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task Another_members_session_id_is_not_found_and_that_session_goes_on()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var victim = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var attacker = await SessionCallers.BearerAsync(app, email);
        using var target = await SessionCallers.BearerAsync(app, victim);
        var targetSession = await SessionCallers.CurrentSessionAsync(target);

        Assert.Equal(HttpStatusCode.NotFound, (await attacker.DeleteAsync($"/api/me/sessions/{targetSession}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.DeleteAsync($"/api/me/sessions/{Guid.NewGuid()}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await target.GetAsync("/api/me")).StatusCode);
        Assert.Contains(await SessionCallers.SessionsAsync(target), s => s.GetProperty("id").GetGuid() == targetSession);
    }

    [Fact]
    public async Task Last_active_is_noted_by_the_request_and_written_in_a_batch()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var client = await SessionCallers.BearerAsync(app, email);
        var sessionId = await SessionCallers.CurrentSessionAsync(client);
        var before = await app.WithDbAsync(db => db.MemberSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.LastSeenAt).SingleAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/sessions")).StatusCode);
        await app.Services.GetRequiredService<SessionActivity>().FlushAsync(CancellationToken.None);

        var after = await app.WithDbAsync(db => db.MemberSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.LastSeenAt).SingleAsync());
        Assert.True(after >= before + TimeSpan.FromMinutes(6), $"last active {after:O}, signed in {before:O}");
    }

    [Fact]
    public async Task Logging_out_ends_the_current_session_record_and_the_purge_job_deletes_old_records()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var sessionId = await app.WithDbAsync(db => db.MemberSessions.Where(s => s.MemberId == memberId).Select(s => s.Id).SingleAsync());

        using (var logout = await browser.PostFormAsync("/Account/Logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        var record = await app.WithDbAsync(db => db.MemberSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId));
        Assert.NotNull(record.EndedAt);
        Assert.Equal("signed-out", record.EndReason);

        await app.RunJobAsync<PurgeSessionsJob>();
        Assert.True(await app.WithDbAsync(db => db.MemberSessions.AnyAsync(s => s.Id == sessionId)));

        app.Clock.Advance(TimeSpan.FromDays(2));
        app.ForgetTokens();
        using var fresh = await SessionCallers.BearerAsync(app, email);
        await app.RunJobAsync<PurgeSessionsJob>();

        Assert.False(await app.WithDbAsync(db => db.MemberSessions.AnyAsync(s => s.Id == sessionId)));
        Assert.Single(await SessionCallers.SessionsAsync(fresh));
    }

    [Fact]
    public async Task A_tenant_administrator_ends_all_sessions_of_a_member_closing_the_live_connection_and_refusing_the_token()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var tokens = await SessionCallers.LoginAsync(app, email);
        using var api = SessionCallers.Bearer(app, tokens.Access);
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        await using var live = await SessionCallers.ConnectAsync(app, tokens.Access);

        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var response = await oov.PostAsync($"/api/members/{memberId}/sessions/end", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await response.Content.ReadFromJsonAsync<int>());

        Assert.Equal(EndMemberSessionsHandler.Reason, await live.SessionEnded.Task.WaitAsync(Wait));
        await live.Closed.Task.WaitAsync(Wait);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        using (var anonymous = app.AnonymousClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Refresh })).StatusCode);
        }

        using (var next = await browser.Client.GetAsync("/Dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "member.sessions-ended" && a.Object == $"member:{memberId}")));

        // Signing in again works, and is the only session.
        using var again = await SessionCallers.BearerAsync(app, email);
        Assert.Single(await SessionCallers.SessionsAsync(again));
    }

    [Fact]
    public async Task A_tenant_administrator_of_another_municipality_gets_not_found_and_the_member_stays_signed_in()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        using var api = await SessionCallers.BearerAsync(app, email);

        var foreign = await app.ClientForAsync("oov@pijnacker.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsync($"/api/members/{memberId}/sessions/end", null)).StatusCode);
        var member = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/members/{memberId}/sessions/end", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Single(await SessionCallers.SessionsAsync(api));
    }

    [Fact]
    public async Task The_platform_administrator_ends_the_sessions_of_a_member_from_the_admin_members_page()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        using var api = await SessionCallers.BearerAsync(app, email);
        using var admin = new PageSession(app);
        Assert.NotNull(await admin.LoginAsync("admin@pps.demo", DemoData.Password));

        using var posted = await admin.PostFormAsync($"/Admin/Members?q={Uri.EscapeDataString(email)}", new Dictionary<string, string> { ["memberId"] = memberId.ToString() }, "/Admin/Members?handler=EndSessions");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("done=sessions-ended", posted.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_sessions_page_marks_this_device_and_ends_another_session()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        using var api = await SessionCallers.BearerAsync(app, email);
        var apiSession = await SessionCallers.CurrentSessionAsync(api);
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));

        var (status, html) = await browser.GetAsync("/Profile/Sessions");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"this-device\"", html, StringComparison.Ordinal);
        Assert.Contains(apiSession.ToString(), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Profile/Sessions\"", (await browser.GetAsync("/Profile")).Html, StringComparison.Ordinal);

        using var ended = await browser.PostFormAsync("/Profile/Sessions", new Dictionary<string, string> { ["sessionId"] = apiSession.ToString() }, "/Profile/Sessions?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).Status);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class MemberSessionTestsOnSqlite(SqliteApp app) : MemberSessionTests(app);

[Collection(PostgresApp.Collection)]
public sealed class MemberSessionTestsOnPostgres(PostgresApp app) : MemberSessionTests(app);
