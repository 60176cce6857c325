using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

/// <summary>Alerts across instances through the Redis backplane, and across a Redis restart (the catch-up covers the gap).</summary>
[Collection(TwoInstances.Collection)]
public sealed class TwoInstanceAlertTests(TwoInstances two)
{
    private const string Board = "bestuur.lansinghage@zoetermeer.demo";
    private const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";

    [Fact]
    public async Task A_member_connected_to_B_receives_an_alert_posted_through_A()
    {
        await using var client = await AlertClient.ConnectAsync(two.B, await two.B.TokenForAsync(Entrepreneur));
        using var board = await two.A.ClientForAsync(Board);
        var lansinghage = await EstateIdAsync(board, "Lansinghage");

        var posted = await PostAlertAsync(board, lansinghage, "Cross-instance " + Guid.NewGuid().ToString("N")[..6]);
        var id = posted.GetProperty("id").GetRawText();

        await client.WaitForAsync(ids => ids.Contains(id), TimeSpan.FromSeconds(15));
        Assert.Equal(1, client.Pushes(id));
    }

    [Fact]
    public async Task A_Redis_restart_while_alerts_are_posted_loses_none_and_duplicates_none()
    {
        await using var client = await AlertClient.ConnectAsync(two.B, await two.B.TokenForAsync(Entrepreneur));
        using var board = await two.A.ClientForAsync(Board);
        var lansinghage = await EstateIdAsync(board, "Lansinghage");
        var ids = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            ids.Add((await PostAlertAsync(board, lansinghage, $"Before outage {i}")).GetProperty("id").GetRawText());
        }

        var restart = two.RestartRedisAsync(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await PostAlertAsync(board, lansinghage, $"During outage {i}")).GetProperty("id").GetRawText());
            await Task.Delay(500);
        }

        await restart;
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await PostAlertAsync(board, lansinghage, $"After outage {i}")).GetProperty("id").GetRawText());
        }

        // Live pushes during the outage are lost between instances; the hub asks clients to catch up when the
        // backplane returns, and the client's catch-up from its last sequence fills the gap.
        await client.WaitForAsync(seen => ids.All(seen.Contains), TimeSpan.FromSeconds(45));
        Assert.All(ids, id => Assert.True(client.Pushes(id) <= 1, $"alert {id} was pushed {client.Pushes(id)} times"));
        Assert.Equal(0, client.DuplicatesFromServer);
    }

    private static async Task<JsonElement> PostAlertAsync(HttpClient board, Guid estate, string title)
    {
        var response = await board.PostAsJsonAsync("/api/alerts", new
        {
            title,
            body = "Test across instances.",
            severity = "warning",
            estateIds = new[] { estate },
            roles = Array.Empty<string>(),
            requiresAcknowledgement = false,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> EstateIdAsync(HttpClient client, string name)
    {
        var estates = await client.GetFromJsonAsync<JsonElement[]>("/api/estates");
        return estates!.Single(e => e.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Behaves like alerts.js: catches up on connect, reconnect and CatchUp from a checkpoint that only catch-up answers
    /// move (a push may overtake an earlier one), dedupes by id.
    /// </summary>
    private sealed class AlertClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentDictionary<string, int> _received = new();
        private readonly ConcurrentDictionary<string, int> _pushes = new();
        private readonly SemaphoreSlim _catchUp = new(1, 1);
        private long _checkpoint;

        private AlertClient(HubConnection connection) => _connection = connection;

        public int DuplicatesFromServer { get; private set; }

        public static async Task<AlertClient> ConnectAsync(AppProcess instance, string token)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(instance.BaseAddress, "/hubs/live"), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .WithAutomaticReconnect()
                .Build();
            var client = new AlertClient(connection);
            connection.On<JsonElement>("AlertPosted", a => client.Receive(a, catchUpAfter: null));
            connection.On<string>("CatchUp", _ => client.CatchUpAsync());
            connection.On<string>("Reconnect", _ => Task.CompletedTask);
            connection.Reconnected += _ => client.CatchUpAsync();
            await connection.StartAsync();
            await client.CatchUpAsync();
            return client;
        }

        /// <summary>How often the server pushed this alert live (the page dedupes by id, but the server should push once).</summary>
        public int Pushes(string id) => _pushes.TryGetValue(id, out var n) ? n : 0;

        public async Task WaitForAsync(Func<ICollection<string>, bool> done, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!done(_received.Keys) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(done(_received.Keys), $"received {_received.Count} alerts: {string.Join(",", _received.Keys)}");
        }

        public async Task CatchUpAsync()
        {
            await _catchUp.WaitAsync();
            try
            {
                var after = Interlocked.Read(ref _checkpoint);
                var alerts = await _connection.InvokeAsync<JsonElement>("CatchUpAlerts", after);
                var list = alerts.ValueKind == JsonValueKind.Array ? alerts.EnumerateArray().ToList() : alerts.GetProperty("alerts").EnumerateArray().ToList();
                foreach (var alert in list)
                {
                    Receive(alert, catchUpAfter: after);
                }
            }
            finally
            {
                _catchUp.Release();
            }
        }

        private void Receive(JsonElement alert, long? catchUpAfter)
        {
            var id = alert.GetProperty("id").GetRawText();
            var sequence = alert.GetProperty("sequence").GetInt64();
            _received.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (catchUpAfter is null)
            {
                _pushes.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
            else if (sequence <= catchUpAfter)
            {
                // The server answered with something at or before the sequence we asked after.
                DuplicatesFromServer++;
            }

            long current;
            while (catchUpAfter is not null && sequence > (current = Interlocked.Read(ref _checkpoint)) && Interlocked.CompareExchange(ref _checkpoint, sequence, current) != current)
            {
            }
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
