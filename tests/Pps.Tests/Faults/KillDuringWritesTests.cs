using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Faults;

/// <summary>
/// The hub as a real process on SQLite, killed with SIGKILL while 1,000 alerts and posts are being submitted at once,
/// then started again: every write that got a success answer is stored, and nothing is stored twice. A write whose
/// answer was lost in the kill may be stored (committed just before) or not; the client never heard it succeed.
/// </summary>
public sealed class KillDuringWritesTests
{
    private const int Writes = 1000;

    [Fact]
    public async Task After_a_SIGKILL_during_1000_concurrent_alerts_and_posts_every_acknowledged_write_is_stored_exactly_once()
    {
        await using var hub = new AppProcess(new Dictionary<string, string?> { ["Pps:RunBackgroundJobs"] = "false" });
        await hub.StartAsync();
        using var http = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var oov = await LoginAsync(http, "oov@zoetermeer.demo");
        var board = await LoginAsync(http, "bestuur.lansinghage@zoetermeer.demo");
        var estate = (await GetAsync<JsonElement[]>(http, oov, "/api/estates")).Single(e => e.GetProperty("slug").GetString() == "lansinghage").GetProperty("id").GetGuid();
        var boardId = (await GetAsync<JsonElement[]>(http, board, "/api/boards"))
            .First(b => b.GetProperty("kind").GetString() is "estate" or "Estate" && b.GetProperty("estateId").GetString() == estate.ToString()).GetProperty("id").GetGuid();

        var run = Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new ConcurrentBag<string>();
        var answered = 0;
        using var gate = new SemaphoreSlim(24);
        var writes = Enumerable.Range(0, Writes).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var title = $"Kill {run} {i:D4}";
                using var request = i % 2 == 0
                    ? new HttpRequestMessage(HttpMethod.Post, "/api/alerts")
                    {
                        Content = JsonContent.Create(new { title, body = "Test van een harde stop.", severity = "info", estateIds = new[] { estate }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = false }),
                    }
                    : new HttpRequestMessage(HttpMethod.Post, $"/api/boards/{boardId}/posts") { Content = JsonContent.Create(new { title, body = "Test van een harde stop." }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", i % 2 == 0 ? oov : board);
                using var response = await http.SendAsync(request);
                Interlocked.Increment(ref answered);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(title);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process died under this request: no answer, so the client does not count it as stored.
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        // Kill mid-flight: once a good share has been answered, while many are still in the air.
        while (Volatile.Read(ref answered) < 200 && writes.Any(w => !w.IsCompleted))
        {
            await Task.Delay(10);
        }

        await hub.StopAsync(kill: true);
        await Task.WhenAll(writes);
        Assert.True(acknowledged.Count >= 200 && acknowledged.Count < Writes, $"the kill did not land mid-flight: {acknowledged.Count} of {Writes} acknowledged");

        await hub.StartAsync();
        var stored = await StoredTitlesAsync(hub, run);
        var missing = acknowledged.Where(t => !stored.ContainsKey(t)).ToList();
        var twice = stored.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged writes are not stored, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.True(twice.Count == 0, $"stored twice: {string.Join(", ", twice.Take(5))}");
        Assert.True(stored.Count <= Writes);

        // The restarted hub serves: the alerts are readable through the API.
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/alerts");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http, "oov@zoetermeer.demo"));
        Assert.True((await http.SendAsync(list)).IsSuccessStatusCode);
    }

    private static async Task<Dictionary<string, int>> StoredTitlesAsync(AppProcess hub, string run)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(hub.DataDirectory, "pps.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var table in new[] { "Alerts", "Posts" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT Title, COUNT(*) FROM \"{table}\" WHERE Title LIKE $prefix GROUP BY Title";
            command.Parameters.AddWithValue("$prefix", $"Kill {run} %");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(1);
            }
        }

        return counts;
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
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
