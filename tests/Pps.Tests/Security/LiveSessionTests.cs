using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Tests.Sessions;
using Pps.Tests.Members;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Live;

namespace Pps.Tests.Security;

/// <summary>
/// Log-out and changes of rights reach the member's open hub connections: the server tells the client
/// (<c>SessionEnded</c>), closes the connection, and refuses the old sign-in on a new one.
/// </summary>
public abstract class LiveSessionTests(PpsApp app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Logging_out_closes_the_members_open_hub_connections_and_refuses_the_old_token()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        await using var live = await WatchedConnectionAsync(email);

        await LogOutInABrowserAsync(email);

        Assert.Equal("signed-out", await live.SessionEnded.Task.WaitAsync(Wait));
        await live.Closed.Task.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Disconnected, live.Connection.State);

        // The token the connection was opened with was issued before the log-out: no new connection with it.
        await using var stale = await app.ConnectLiveAsync(email, start: false);
        await Assert.ThrowsAnyAsync<Exception>(() => StartAndCallAsync(stale));

        // Signing in again gives a working connection.
        app.ForgetToken(email);
        await using var fresh = await app.ConnectLiveAsync(email);
        await fresh.InvokeAsync("LeaveBoard", Guid.NewGuid());
    }

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Over_the_fallback_transports_a_member_calls_the_hub_and_logging_out_closes_the_connection(HttpTransportType transport)
    {
        // Browsers behind a proxy without WebSockets fall back to these; every invocation is then an HTTP request.
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        await using var live = await WatchedConnectionAsync(email, transport);
        await live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid());

        await LogOutInABrowserAsync(email);

        Assert.Equal("signed-out", await live.SessionEnded.Task.WaitAsync(Wait));
        await live.Closed.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task After_the_oov_revokes_a_role_the_open_connection_is_closed_and_the_hub_refuses_the_call_that_needed_it()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var board = await EstateBoardAsync(email, "lansinghage");
        await using var live = await WatchedConnectionAsync(email);
        await live.Connection.InvokeAsync("JoinBoard", board); // the role lets the member read the estate's board

        var (memberId, assignmentId) = await app.WithDbAsync(async db =>
        {
            var id = await db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync();
            return (id, await db.RoleAssignments.Where(r => r.MemberId == id).Select(r => r.Id).SingleAsync());
        });
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NoContent, (await oov.DeleteAsync($"/api/members/{memberId}/roles/{assignmentId}")).StatusCode);

        Assert.Equal("rights-changed", await live.SessionEnded.Task.WaitAsync(Wait));
        await live.Closed.Task.WaitAsync(Wait);

        // Signed in again, with the rights the member has now: the board is refused, the hub itself still answers.
        app.ForgetToken(email);
        await using var again = await app.ConnectLiveAsync(email);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync("JoinBoard", board));
        Assert.Contains("not found", refused.Message, StringComparison.OrdinalIgnoreCase);
        await again.InvokeAsync("LeaveBoard", board);
    }

    [Fact]
    public async Task A_suspended_member_loses_the_open_connection_at_once()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        await using var live = await WatchedConnectionAsync(email);

        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var suspended = await ez.PostAsJsonAsync($"/api/vetting/{memberId}/suspend", new { reason = "Test of the live session" });
        Assert.True(suspended.IsSuccessStatusCode, $"suspend: {(int)suspended.StatusCode} {await suspended.Content.ReadAsStringAsync()}");

        Assert.Equal("rights-changed", await live.SessionEnded.Task.WaitAsync(Wait));
        await live.Closed.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_connection_whose_stamp_was_rotated_without_ending_its_session_is_refused_and_closed_at_its_next_call()
    {
        // The stamp was saved in this process without ending the live sessions (as Identity's own rotations do): the
        // save evicts the cached stamp, so the connection notices at its very next invocation.
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        await using var live = await WatchedConnectionAsync(email);
        await live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        await app.WithDbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Email == email);
            member.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
        });

        // Over WebSockets the invocation passes no HTTP check: the hub's own check refuses it.
        var refused = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid()));
        Assert.Contains("Session ended", refused.Message, StringComparison.Ordinal);
        await live.Closed.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_rotation_this_instance_was_not_told_about_refuses_the_connection_once_the_cached_stamp_expired()
    {
        // Another instance without the Redis channel, or a lost message: nothing evicts the cached stamp here; the hub's
        // check (the one every HTTP request makes) reads the database again after the cache lifetime.
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        await using var live = await WatchedConnectionAsync(email);
        await app.WithDbAsync(db => db.Members.Where(m => m.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SecurityStamp, Guid.NewGuid().ToString("N")))); // no SaveChanges: no eviction
        await live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        app.Clock.Advance(TimeSpan.FromSeconds(31));

        var refused = await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid()));
        Assert.Contains("Session ended", refused.Message, StringComparison.Ordinal);
        await live.Closed.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_websocket_connection_keeps_no_copy_of_the_token_it_signed_in_with_and_goes_on_working()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        await using var live = await WatchedConnectionAsync(email);

        var request = Assert.Single(app.Services.GetRequiredService<LiveSessions>().ConnectionsOf(memberId)).GetHttpContext()!.Request;
        Assert.True(request.HttpContext.WebSockets.IsWebSocketRequest);
        Assert.Equal(0, request.Headers.Authorization.Count);
        Assert.Equal(0, request.Headers.Cookie.Count);
        await live.Connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        Assert.Equal(HubConnectionState.Connected, live.Connection.State);
    }

    private async Task<Guid> EstateBoardAsync(string email, string estateSlug)
    {
        // Boards are made on first use: listing them as the member creates the estate's board if it is missing.
        var member = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/boards/")).StatusCode);
        var estate = await app.EstateIdAsync(estateSlug);
        return await app.WithDbAsync(db => db.Boards.Where(b => b.Kind == BoardKind.Estate && b.EstateId == estate).Select(b => b.Id).SingleAsync());
    }

    private static async Task StartAndCallAsync(HubConnection connection)
    {
        await connection.StartAsync();
        await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
    }

    /// <summary>The member signs in in a browser and logs out there; their open hub connections must hear of it.</summary>
    private async Task LogOutInABrowserAsync(string email)
    {
        using var browser = new PageSession(app);
        Assert.Equal("/Dashboard", await browser.LoginAsync(email, DemoData.Password));
        using (var logout = await browser.PostFormAsync("/Account/Logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }
    }

    private async Task<SessionCallers.WatchedConnection> WatchedConnectionAsync(string email, HttpTransportType transport = HttpTransportType.WebSockets)
        => await SessionCallers.WatchAsync(await app.ConnectLiveAsync(email, start: false, transport));
}

[Collection(SqliteApp.Collection)]
public sealed class LiveSessionTestsOnSqlite(SqliteApp app) : LiveSessionTests(app);

[Collection(PostgresApp.Collection)]
public sealed class LiveSessionTestsOnPostgres(PostgresApp app) : LiveSessionTests(app);
