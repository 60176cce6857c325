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
}

[Collection(SqliteApp.Collection)]
public sealed class HubLimitsTestsOnSqlite(SqliteApp app) : HubLimitsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class HubLimitsTestsOnPostgres(PostgresApp app) : HubLimitsTests(app);
