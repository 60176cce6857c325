using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Signals.SignalsTestKit;

namespace Pps.Tests.Signals;

/// <summary>The case list hears of new and changed cases over /hubs/live: the desk's handlers in the tenant, and nobody else.</summary>
public abstract class SignalsLiveTests(PpsApp app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A connection whose groups are joined: the client's start completes at the handshake, before the hub's
    /// OnConnectedAsync has run; any invocation is answered only after it has.
    /// </summary>
    private async Task<HubConnection> ConnectAsync(string email)
    {
        var connection = await app.ConnectLiveAsync(email);
        await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        return connection;
    }

    [Fact]
    public async Task The_OOV_hears_of_a_new_signal_and_of_its_status_change_and_an_entrepreneur_and_the_other_tenants_OOV_hear_nothing()
    {
        await using var oov = await ConnectAsync("oov@zoetermeer.demo");
        await using var entrepreneur = await ConnectAsync("ondernemer.lansinghage@zoetermeer.demo");
        await using var board = await ConnectAsync("bestuur.lansinghage@zoetermeer.demo");
        await using var otherTenant = await ConnectAsync("oov@pijnacker.demo");
        var received = new List<JsonElement>();
        var arrived = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaked = new List<string>();
        Guid? id = null;
        oov.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m =>
        {
            lock (received)
            {
                received.Add(m);
                if (id is { } mine && m.GetProperty("id").GetGuid() == mine)
                {
                    (m.GetProperty("isNew").GetBoolean() ? arrived : changed).TrySetResult(m);
                }
            }
        });
        foreach (var (name, connection) in new[] { ("entrepreneur", entrepreneur), ("board", board), ("pijnacker", otherTenant) })
        {
            connection.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m => { lock (leaked) { leaked.Add($"{name}: {m}"); } });
        }

        // The id is known only after the report; messages that came before are matched once it is.
        var (reported, _) = await ReportAnonymouslyAsync(app);
        lock (received)
        {
            id = reported;
            foreach (var m in received.Where(m => m.GetProperty("id").GetGuid() == reported))
            {
                (m.GetProperty("isNew").GetBoolean() ? arrived : changed).TrySetResult(m);
            }
        }

        var first = await arrived.Task.WaitAsync(Wait);
        Assert.Equal("signal", first.GetProperty("route").GetString());
        Assert.Equal("activity.smell", first.GetProperty("category").GetString());
        Assert.Equal("received", first.GetProperty("status").GetString());
        // Ids, category and status: nothing about the reporter, the place or the text.
        Assert.Equal(["category", "id", "isNew", "route", "status"], first.EnumerateObject().Select(p => p.Name).Order().ToArray());

        var handler = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.OK, (await handler.PostAsJsonAsync($"/api/signals/{reported}/status", new { status = "inProgress" })).StatusCode);
        var second = await changed.Task.WaitAsync(Wait);
        Assert.Equal("inProgress", second.GetProperty("status").GetString());

        // The outsiders were connected the whole time; a message for them would have been sent with the OOV's.
        await Task.Delay(200);
        lock (leaked)
        {
            Assert.Empty(leaked);
        }
    }

    [Fact]
    public async Task A_handler_of_the_signals_desk_only_hears_nothing_of_improper_influence_reports()
    {
        var signalsOnly = await app.CreateMemberAsync(roles: [(Roles.Signals, null)]);
        await using var signals = await ConnectAsync(signalsOnly);
        await using var integrity = await ConnectAsync("oov@zoetermeer.demo");
        var heard = new List<JsonElement>();
        signals.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m => { lock (heard) { heard.Add(m); } });
        var officer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        integrity.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m =>
        {
            if (m.GetProperty("route").GetString() == "integrity")
            {
                officer.TrySetResult(m);
            }
        });

        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var response = await ez.PostAsync("/api/integrity", Report(category: "influence.offer", mode: "member", tenant: null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(id, (await officer.Task.WaitAsync(Wait)).GetProperty("id").GetGuid());
        await Task.Delay(200);
        lock (heard)
        {
            Assert.DoesNotContain(heard, m => m.GetProperty("id").GetGuid() == id);
        }
    }

    [Fact]
    public async Task Reading_a_case_or_the_list_broadcasts_nothing()
    {
        var (id, _) = await ReportAnonymouslyAsync(app);
        await using var oov = await ConnectAsync("oov@zoetermeer.demo");
        var heard = new List<JsonElement>();
        oov.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m => { lock (heard) { heard.Add(m); } });
        var handler = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync($"/api/signals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync("/api/signals/")).StatusCode);

        // A note is a change: its message is the marker that everything before it has been sent.
        var noted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        oov.On<JsonElement>(nameof(ISignalsClient.SignalChanged), m => noted.TrySetResult());
        Assert.Equal(HttpStatusCode.OK, (await handler.PostAsJsonAsync($"/api/signals/{id}/notes", new { text = "Checked the address." })).StatusCode);
        await noted.Task.WaitAsync(Wait);
        lock (heard)
        {
            Assert.Single(heard, m => m.GetProperty("id").GetGuid() == id);
        }
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SignalsLiveTestsOnSqlite(SqliteApp app) : SignalsLiveTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SignalsLiveTestsOnPostgres(PostgresApp app) : SignalsLiveTests(app);
