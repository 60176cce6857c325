using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Alerts;

namespace Pps.Tests.Alerts;

/// <summary>Collects what a live connection hears about alerts, and waits for it without fixed sleeps.</summary>
public sealed class AlertInbox
{
    private readonly ConcurrentQueue<AlertMessage> _posted = new();
    private readonly ConcurrentQueue<AlertReceiptSummary> _receipts = new();
    private readonly SemaphoreSlim _signal = new(0);

    public AlertInbox(HubConnection connection)
    {
        connection.On<AlertMessage>("AlertPosted", m =>
        {
            _posted.Enqueue(m);
            _signal.Release();
        });
        connection.On<AlertReceiptSummary>("AlertReceiptChanged", s =>
        {
            _receipts.Enqueue(s);
            _signal.Release();
        });
    }

    public IReadOnlyList<AlertMessage> Posted => _posted.ToArray();

    public IReadOnlyList<AlertReceiptSummary> Receipts => _receipts.ToArray();

    /// <summary>Waits until <paramref name="done"/> holds, or the timeout passes; returns whether it held.</summary>
    public async Task<bool> WaitForAsync(Func<AlertInbox, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!done(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await _signal.WaitAsync(left);
        }

        return true;
    }
}

internal static class AlertsTestKit
{
    public const string Ondernemer = "ondernemer.lansinghage@zoetermeer.demo";
    public const string Bestuur = "bestuur.lansinghage@zoetermeer.demo";
    public const string Oov = "oov@zoetermeer.demo";
    public const string Ez = "ez@zoetermeer.demo";
    public const string Ro = "ro@zoetermeer.demo";
    public const string Rokkeveen = "ondernemer.rokkeveen@zoetermeer.demo";
    public const string Pijnacker = "oov@pijnacker.demo";

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];

    public static object Body(string title, Guid[]? estateIds = null, string severity = "info", bool ack = false, string[]? roles = null, bool wholeTenant = false, DateTimeOffset? expiresAt = null, string body = "Let op: verdachte bus bij de hoek.")
        => new { title, body, severity, estateIds = estateIds ?? [], roles = roles ?? [], wholeTenant, requiresAcknowledgement = ack, expiresAt };

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/alerts", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement alert) => alert.GetProperty("id").GetGuid();

    public static long Sequence(this JsonElement alert) => alert.GetProperty("sequence").GetInt64();

    public static async Task<(HubConnection Connection, AlertInbox Inbox)> ListenAsync(this PpsApp app, string email)
    {
        var connection = await app.ConnectLiveAsync(email, start: false);
        var inbox = new AlertInbox(connection);
        await connection.StartAsync();
        return (connection, inbox);
    }

    /// <summary>
    /// Waits for receipt summaries: the broadcaster summarises once per interval on the injected clock, so this
    /// moves the fake clock a step at a time until <paramref name="done"/> holds (or gives up after 20 s).
    /// </summary>
    public static async Task<bool> WaitForReceiptsAsync(this PpsApp app, AlertInbox inbox, Func<AlertInbox, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            if (await inbox.WaitForAsync(done, TimeSpan.FromMilliseconds(100)))
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<int> StoredAlertsTitledAsync(this PpsApp app, string title)
        => await app.WithDbAsync(db => Task.FromResult(db.Alerts.Count(a => a.Title == title)));
}
