using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Security;

public abstract class HubLimitsTests(PpsApp app)
{
    [Fact]
    public async Task A_hub_message_over_32_KB_closes_the_connection_and_the_hub_keeps_serving()
    {
        var email = await SecurityCallers.CopyOfAsync(app, "ondernemer.lansinghage@zoetermeer.demo");
        await using var connection = await app.ConnectLiveAsync(email, start: false);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        // A message under the limit is answered and leaves the connection open.
        await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        Assert.Equal(HubConnectionState.Connected, connection.State);

        var oversize = connection.InvokeAsync("LeaveBoard", new string('x', 40 * 1024));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await Assert.ThrowsAnyAsync<Exception>(() => oversize);

        // The server is unharmed: a new connection of the same member works.
        await using var again = await app.ConnectLiveAsync(email);
        var missed = await again.InvokeAsync<System.Text.Json.JsonElement>("CatchUpAlerts", 0L);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, missed.ValueKind);
    }

    [Fact]
    public async Task A_flood_of_hub_invocations_from_one_connection_is_refused_and_a_persistent_flood_closes_it()
    {
        var email = await SecurityCallers.CopyOfAsync(app, "ondernemer.lansinghage@zoetermeer.demo");
        await using var connection = await app.ConnectLiveAsync(email, start: false);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        // appsettings.json: a burst of 60, 20 more per second, closed after 100 refusals in a row. 400 calls sent at
        // once cannot all fit in the bucket, however fast or slow the machine.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 400).Select(_ => connection.InvokeAsync("LeaveBoard", Guid.NewGuid())).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return "ok";
            }
            catch (HubException e) when (e.Message.Contains("rate limited", StringComparison.OrdinalIgnoreCase))
            {
                return "refused";
            }
            catch (Exception)
            {
                return "closed";
            }
        }));
        var seconds = started.Elapsed.TotalSeconds;

        var accepted = outcomes.Count(o => o == "ok");
        Assert.True(outcomes.Count(o => o == "refused") > 0, "no invocation was refused");
        Assert.True(accepted >= 1, "the bucket let nothing through");
        Assert.True(accepted <= 60 + (20 * Math.Ceiling(seconds)) + 20, $"{accepted} of 400 accepted in {seconds:0.0} s");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Another connection of the same member has its own bucket and is served.
        await using var again = await app.ConnectLiveAsync(email);
        await again.InvokeAsync("LeaveBoard", Guid.NewGuid());
    }

    [Fact]
    public async Task A_few_refused_invocations_leave_the_connection_open_and_serving_once_the_bucket_refills()
    {
        var email = await SecurityCallers.CopyOfAsync(app, "ondernemer.lansinghage@zoetermeer.demo");
        await using var connection = await app.ConnectLiveAsync(email);

        // 90 at once: the burst of 60 plus what refills meanwhile passes, the rest is refused, far fewer than the 100
        // refusals that would close the connection.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 90).Select(async _ =>
        {
            try
            {
                await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
                return true;
            }
            catch (HubException)
            {
                return false;
            }
        }));
        Assert.Contains(true, outcomes);
        Assert.Equal(HubConnectionState.Connected, connection.State);

        // The bucket refills (20 a second): a call a moment later is served on the same connection.
        var served = false;
        for (var attempt = 0; attempt < 20 && !served; attempt++)
        {
            await Task.Delay(100);
            try
            {
                await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
                served = true;
            }
            catch (HubException e) when (e.Message.Contains("rate limited", StringComparison.OrdinalIgnoreCase))
            {
            }
        }

        Assert.True(served, "the connection was never served again");
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class HubLimitsTestsOnSqlite(SqliteApp app) : HubLimitsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class HubLimitsTestsOnPostgres(PostgresApp app) : HubLimitsTests(app);
