using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Reach;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Reach;

public abstract class WebPushTests(PpsApp app) : IAsyncLifetime
{
    private PushServiceStandIn _push = null!;

    public async Task InitializeAsync() => _push = await PushServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    private async Task<(string Email, HttpClient Client, TestBrowserSubscription Browser, string Id)> SubscribedMemberAsync()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var client = await app.ClientForAsync(email);
        var id = Guid.NewGuid().ToString("N");
        var browser = new TestBrowserSubscription(_push.Endpoint(id));
        var response = await client.PostAsJsonAsync("/api/reach/push-subscriptions", browser.ToJson());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = await client.GetFromJsonAsync<JsonElement>("/api/reach/vapid-public-key");
        _push.ExpectedVapidKey = key.GetProperty("publicKey").GetString();
        return (email, client, browser, id);
    }

    private async Task<Guid> PostAlertAsync(string severity, string title)
    {
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var response = await oov.PostAsJsonAsync("/api/alerts", new
        {
            title, body = "Verdachte bestelbus bij de Hoornwijck, kenteken onbekend.", severity,
            estateIds = new[] { await app.EstateIdAsync("hoornwijck") }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<List<PushDelivery>> DeliveriesAsync(Guid alertId) => app.WithDbAsync(db => db.PushDeliveries.Where(d => d.AlertId == alertId).ToListAsync());

    /// <summary>The dispatcher sends in the background: wait until the member's delivery for the alert has had its attempt recorded.</summary>
    private async Task<PushDelivery> AttemptedAsync(Guid alertId, Guid memberId, int attempts = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var rows = await DeliveriesAsync(alertId);
            var row = rows.SingleOrDefault(d => d.MemberId == memberId);
            if (row is not null && row.Attempts >= attempts && row.ClaimToken is null)
            {
                return row;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task An_urgent_alert_reaches_the_members_device_signed_with_VAPID_and_encrypted_for_its_keys()
    {
        var (email, _, browser, id) = await SubscribedMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var title = "Inbraak " + Guid.NewGuid().ToString("N")[..6];
        var alertId = await PostAlertAsync("urgent", title);

        var message = Assert.Single(await _push.WaitForAsync(id));
        Assert.Empty(_push.Refusals);
        Assert.Equal("aes128gcm", message.ContentEncoding);
        Assert.Equal("high", message.Urgency);
        using var payload = JsonDocument.Parse(browser.Decrypt(message.Body));
        Assert.Equal(alertId, payload.RootElement.GetProperty("alertId").GetGuid());
        Assert.Equal(title, payload.RootElement.GetProperty("title").GetString());
        Assert.Equal("urgent", payload.RootElement.GetProperty("severity").GetString());
        Assert.Equal($"/Alerts/{alertId}", payload.RootElement.GetProperty("url").GetString());
        Assert.StartsWith("/Alerts/Ack?token=", payload.RootElement.GetProperty("ackUrl").GetString());

        var delivery = await AttemptedAsync(alertId, memberId);
        Assert.Equal(PushDeliveryStatus.Sent, delivery.Status);
        Assert.NotNull(delivery.SentAt);
        Assert.Equal(1, delivery.Attempts);
        browser.Dispose();
    }

    [Fact]
    public async Task An_info_alert_is_not_pushed_by_default_but_is_once_the_member_chose_info()
    {
        var (email, client, browser, id) = await SubscribedMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var first = await PostAlertAsync("info", "Info " + Guid.NewGuid().ToString("N")[..6]);
        Assert.False(_push.Received.ContainsKey(id));
        Assert.DoesNotContain(await DeliveriesAsync(first), d => d.MemberId == memberId);

        var prefs = await client.PutAsJsonAsync("/api/reach/preferences", new { pushSeverities = new[] { "info", "urgent" } });
        Assert.Equal(HttpStatusCode.OK, prefs.StatusCode);
        await PostAlertAsync("info", "Info " + Guid.NewGuid().ToString("N")[..6]);
        Assert.Single(await _push.WaitForAsync(id));
        browser.Dispose();
    }

    [Fact]
    public async Task A_subscription_the_push_service_calls_gone_is_removed()
    {
        var (email, _, browser, id) = await SubscribedMemberAsync();
        _push.Answers[id] = new([410]);
        var alertId = await PostAlertAsync("urgent", "Gone " + Guid.NewGuid().ToString("N")[..6]);

        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var delivery = await AttemptedAsync(alertId, memberId);
        Assert.False(await app.WithDbAsync(db => db.PushSubscriptions.AnyAsync(s => s.MemberId == memberId)));
        Assert.Equal(PushDeliveryStatus.Gone, delivery.Status);
        Assert.Equal(410, delivery.LastStatusCode);
        browser.Dispose();
    }

    [Fact]
    public async Task A_push_answered_503_is_retried_after_its_back_off_and_then_delivered()
    {
        var (email, _, browser, id) = await SubscribedMemberAsync();
        _push.Answers[id] = new([503, 201]);
        var alertId = await PostAlertAsync("urgent", "Retry " + Guid.NewGuid().ToString("N")[..6]);
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());

        var pending = await AttemptedAsync(alertId, memberId);
        Assert.Equal(PushDeliveryStatus.Pending, pending.Status);
        Assert.Equal(503, pending.LastStatusCode);

        // Not before its back-off has passed.
        await app.RunJobAsync<RetryPushDeliveriesJob>();
        Assert.Single(_push.Received[id]);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await app.RunJobAsync<RetryPushDeliveriesJob>();
        Assert.Equal(2, _push.Received[id].Count);
        var delivered = Assert.Single(await DeliveriesAsync(alertId), d => d.MemberId == memberId);
        Assert.Equal(PushDeliveryStatus.Sent, delivered.Status);
        Assert.Equal(2, delivered.Attempts);
        using var payload = JsonDocument.Parse(browser.Decrypt(_push.Received[id].Last().Body));
        Assert.Equal(alertId, payload.RootElement.GetProperty("alertId").GetGuid());
        browser.Dispose();
    }

    [Fact]
    public async Task A_hanging_push_service_does_not_hold_up_posting_the_alert_and_the_push_goes_out_once_it_answers()
    {
        var (email, _, browser, id) = await SubscribedMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var (arrived, release) = _push.Hold(id);
        try
        {
            // Were the push sent inside the request, POST would hang here until the release below, and fail the wait.
            var alertId = await PostAlertAsync("urgent", "Traag " + Guid.NewGuid().ToString("N")[..6]).WaitAsync(TimeSpan.FromSeconds(60));
            await arrived.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.False(release.Task.IsCompleted);
            Assert.Equal(PushDeliveryStatus.Pending, Assert.Single(await DeliveriesAsync(alertId), d => d.MemberId == memberId).Status);

            release.SetResult();
            var delivery = await AttemptedAsync(alertId, memberId);
            Assert.Equal(PushDeliveryStatus.Sent, delivery.Status);
            using var payload = JsonDocument.Parse(browser.Decrypt(Assert.Single(await _push.WaitForAsync(id)).Body));
            Assert.Equal(alertId, payload.RootElement.GetProperty("alertId").GetGuid());
        }
        finally
        {
            release.TrySetResult();
            browser.Dispose();
        }
    }

    [Fact]
    public async Task The_retry_job_and_the_dispatcher_never_send_one_delivery_twice()
    {
        var (email, _, browser, id) = await SubscribedMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var (arrived, release) = _push.Hold(id);
        try
        {
            var alertId = await PostAlertAsync("urgent", "Eenmaal " + Guid.NewGuid().ToString("N")[..6]);
            await arrived.WaitAsync(TimeSpan.FromSeconds(20));

            // The dispatcher holds the claim while the push service hangs: a retry pass now finds nothing to send.
            await app.RunJobAsync<RetryPushDeliveriesJob>();
            release.SetResult();
            var delivery = await AttemptedAsync(alertId, memberId);
            await app.RunJobAsync<RetryPushDeliveriesJob>();
            Assert.Equal(PushDeliveryStatus.Sent, delivery.Status);
            Assert.Single(_push.Received[id]);
        }
        finally
        {
            release.TrySetResult();
            browser.Dispose();
        }
    }

    [Fact]
    public async Task A_member_removes_only_their_own_subscription()
    {
        var (_, client, browser, _) = await SubscribedMemberAsync();
        var other = await app.ClientForAsync(await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck")));
        var url = "/api/reach/push-subscriptions?endpoint=" + Uri.EscapeDataString(browser.Endpoint);

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(url)).StatusCode);
        var mine = await client.GetFromJsonAsync<JsonElement[]>("/api/reach/push-subscriptions");
        Assert.Contains(mine!, s => s.GetProperty("endpoint").GetString() == browser.Endpoint);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement[]>("/api/reach/push-subscriptions"))!);

        Assert.True((await client.DeleteAsync(url)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(url)).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/reach/push-subscriptions"))!);
        browser.Dispose();
    }

    [Fact]
    public async Task Subscribing_requires_a_signed_in_member_a_known_push_service_and_valid_keys()
    {
        using var browser = new TestBrowserSubscription("https://fcm.googleapis.com/fcm/send/" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync("/api/reach/push-subscriptions", browser.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/reach/vapid-public-key")).StatusCode);

        var client = await app.ClientForAsync(await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck")));
        var elsewhere = await client.PostAsJsonAsync("/api/reach/push-subscriptions",
            new { endpoint = "https://intranet.example.org/x", keys = new { p256dh = "BAAA", auth = "AAAA" } });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var problem = await elsewhere.Content.ReadAsStringAsync();
        Assert.Contains("endpoint", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("p256dh", problem, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/reach/push-subscriptions", browser.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/reach/push-subscriptions", browser.ToJson())).StatusCode);

        var key = await client.GetFromJsonAsync<JsonElement>("/api/reach/vapid-public-key");
        Assert.Equal(65, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(key.GetProperty("publicKey").GetString()!).Length);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class WebPushTestsOnSqlite(SqliteApp app) : WebPushTests(app);

[Collection(PostgresApp.Collection)]
public sealed class WebPushTestsOnPostgres(PostgresApp app) : WebPushTests(app);
