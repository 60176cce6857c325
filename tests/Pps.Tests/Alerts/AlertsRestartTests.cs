using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Alerts;
using static Pps.Tests.Alerts.AlertsTestKit;

namespace Pps.Tests.Alerts;

/// <summary>
/// The hub as a real process on SQLite in its own data directory, stopped and started again on the same port
/// while a client stays "connected" the way the browser is: automatic reconnect, restart after close, and
/// CatchUpAlerts from the last sequence it saw on every (re)connect.
/// </summary>
public sealed class AlertsRestartTests
{
    [Fact]
    public async Task Alerts_posted_around_a_server_restart_all_reach_a_connected_client_exactly_once()
    {
        await using var hub = new AppProcess(new Dictionary<string, string?> { ["Pps:RunBackgroundJobs"] = "false" });
        await hub.StartAsync();
        using var http = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var oovToken = await LoginAsync(http, Oov);
        var memberToken = await LoginAsync(http, Ondernemer);
        var lansinghage = (await GetAsync<JsonElement[]>(http, oovToken, "/api/estates")).Single(e => e.GetProperty("slug").GetString() == "lansinghage").GetProperty("id").GetGuid();

        await using var client = new CatchingUpClient(hub.BaseAddress, memberToken);
        await client.StartAsync();

        var posted = new List<Guid>();
        async Task PostAsync(string title)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = JsonContent.Create(Body(title, [lansinghage], "urgent", ack: true)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oovToken);
            var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            posted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }

        await PostAsync("Voor de herstart 1");
        await PostAsync("Voor de herstart 2");
        Assert.True(await client.WaitForAsync(posted), "the client did not get the alerts posted before the restart");

        await hub.StopAsync();
        await hub.StartAsync();

        // Posted as soon as the hub is back: the client may still be reconnecting, so these arrive by push or by catch-up.
        await PostAsync("Na de herstart 1");
        await PostAsync("Na de herstart 2");
        Assert.True(await client.WaitForAsync(posted, TimeSpan.FromSeconds(60)), $"missing after restart; got {client.Summary}; {client.History}. Hub output: {hub.Output}");
        await PostAsync("Na de herstart 3");
        Assert.True(await client.WaitForAsync(posted, TimeSpan.FromSeconds(30)), $"missing after reconnect; got {client.Summary}");

        Assert.Equal(posted.Order(), client.Shown.Select(a => a.Id).Order());
        // The catch-up after the reconnect answers with everything since the first catch-up (pushes do not move the
        // checkpoint), marking it delivered: it may finish after the pushes that followed it.
        Assert.True(await client.WaitForCatchUpsAsync(2, TimeSpan.FromSeconds(30)), $"the client should have caught up on connect and after the restart; {client.CatchUps} catch-ups; {client.History}");
        Assert.Empty(client.DuplicatesWithinOneCatchUp);
    }

    private static async Task<string> LoginAsync(HttpClient http, string email)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Pps.Web.Features.Tenancy.DemoData.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>A test client that behaves like <c>alerts.js</c> on <c>live.js</c>.</summary>
    private sealed class CatchingUpClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly object _gate = new();
        private readonly Dictionary<Guid, AlertMessage> _shown = [];
        private readonly List<AlertMessage> _order = [];
        private readonly SemaphoreSlim _signal = new(0);
        private readonly CancellationTokenSource _stopping = new();
        // Advanced only by catch-up answers, never by pushes: pushes of one tenant's alerts may arrive out of sequence
        // order, and a push of X+1 before X followed by a reconnect must not make the next catch-up skip X.
        private long _checkpoint;

        public CatchingUpClient(Uri baseAddress, string token)
        {
            _connection = new HubConnectionBuilder()
                .WithUrl(new Uri(baseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .WithAutomaticReconnect(new ForeverRetry())
                .Build();
            _connection.On<AlertMessage>("AlertPosted", a => Show([a]));
            _connection.Reconnecting += _ => { Log("reconnecting"); return Task.CompletedTask; };
            _connection.Reconnected += _ => { Log("reconnected"); return CatchUpAsync(); };
            _connection.Closed += _ => { Log("closed"); return RestartAsync(); };
        }

        public int CatchUps { get; private set; }

        /// <summary>What the client went through, for failure messages.</summary>
        public string History
        {
            get
            {
                lock (_gate)
                {
                    return string.Join(" | ", _history);
                }
            }
        }

        private readonly List<string> _history = [];

        private void Log(string what)
        {
            lock (_gate)
            {
                _history.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
            }
        }

        public List<Guid> DuplicatesWithinOneCatchUp { get; } = [];

        public IReadOnlyList<AlertMessage> Shown
        {
            get
            {
                lock (_gate)
                {
                    return _order.ToArray();
                }
            }
        }

        public string Summary => string.Join(", ", Shown.Select(a => $"{a.Sequence}:{a.Title}"));

        public async Task StartAsync()
        {
            await _connection.StartAsync();
            await CatchUpAsync();
        }

        public async Task<bool> WaitForAsync(IReadOnlyCollection<Guid> ids, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
            while (true)
            {
                lock (_gate)
                {
                    if (ids.All(_shown.ContainsKey))
                    {
                        return true;
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                await _signal.WaitAsync(left);
            }
        }

        private async Task CatchUpAsync()
        {
            long after;
            lock (_gate)
            {
                after = _checkpoint;
            }

            Log($"catch-up from {after}");
            List<AlertMessage> missed;
            try
            {
                missed = await _connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", after);
            }
            catch (Exception ex)
            {
                Log($"catch-up from {after} failed: {ex.GetType().Name} {ex.Message}");
                throw;
            }
            Log($"caught up {missed.Count}");
            lock (_gate)
            {
                CatchUps++;
                _checkpoint = Math.Max(_checkpoint, missed.Count == 0 ? 0 : missed.Max(a => a.Sequence));
                DuplicatesWithinOneCatchUp.AddRange(missed.GroupBy(a => a.Id).Where(g => g.Count() > 1).Select(g => g.Key));
            }

            Show(missed);
        }

        public async Task<bool> WaitForCatchUpsAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (_gate)
                {
                    if (CatchUps >= count)
                    {
                        return true;
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                await _signal.WaitAsync(left);
            }
        }

        /// <summary>As live.js: when the connection closes for good, start again and catch up.</summary>
        private async Task RestartAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(250, _stopping.Token);
                    await _connection.StartAsync(_stopping.Token);
                    await CatchUpAsync();
                    return;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception)
                {
                    // The hub is not back yet: try again.
                }
            }
        }

        private void Show(IEnumerable<AlertMessage> alerts)
        {
            lock (_gate)
            {
                foreach (var a in alerts)
                {
                    if (_shown.TryAdd(a.Id, a))
                    {
                        _order.Add(a);
                    }
                }
            }

            _signal.Release();
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            await _connection.DisposeAsync();
            _stopping.Dispose();
        }

        private sealed class ForeverRetry : IRetryPolicy
        {
            public TimeSpan? NextRetryDelay(RetryContext retryContext)
                => retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromMilliseconds(250) : null;
        }
    }
}
