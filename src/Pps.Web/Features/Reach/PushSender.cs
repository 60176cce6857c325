using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Data;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace Pps.Web.Features.Reach;

/// <summary>The JSON the service worker receives (decrypted) in its <c>push</c> event.</summary>
/// <remarks><c>AckUrl</c> is the signed acknowledgement link of this recipient (as in the escalation e-mail); the payload is encrypted for their device only.</remarks>
public sealed record PushPayload(Guid AlertId, string Title, string Body, string Severity, bool RequiresAcknowledgement, string Url, string? AckUrl);

/// <summary>
/// Sends pending push deliveries through the Web Push protocol (RFC 8030) with an encrypted payload (RFC 8291) and
/// VAPID (RFC 8292). Gone subscriptions (404/410) are removed; 429/5xx and network errors are retried with back-off.
/// </summary>
internal sealed class PushSender(PpsDb db, IHttpClientFactory http, VapidKeys vapid, AlertAckTokens ackTokens, TimeProvider clock, ILogger<PushSender> log)
{
    public const string HttpClientName = "webpush";
    public const int MaxAttempts = 6;

    // Unescaped UTF-8 keeps Dutch text at most 3 bytes a character, so the cut below always fits in 4 KB.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Rows one pass claims at a time; a claim outlives the worst case of sending them one after another.</summary>
    private const int BatchSize = 50;
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sends every delivery whose turn has come, in all tenants. The dispatcher (right after an alert) and the retry
    /// job (on every instance) may run at once: each batch is claimed with one conditional UPDATE first, so a row is
    /// sent by one pass only. A pass that dies mid-batch leaves its claim to expire, and the row is sent again then.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var ids = await db.PushDeliveries.IgnoreQueryFilters()
                .Where(d => d.Status == PushDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.CreatedAt).Take(BatchSize).Select(d => d.Id).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return sent;
            }

            var claim = Guid.CreateVersion7();
            var until = now + ClaimLease;
            await db.PushDeliveries.IgnoreQueryFilters()
                .Where(d => ids.Contains(d.Id) && d.Status == PushDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimToken, claim).SetProperty(d => d.NextAttemptAt, until), ct);
            var due = await db.PushDeliveries.IgnoreQueryFilters().Where(d => d.ClaimToken == claim).ToListAsync(ct);
            sent += await SendAsync(due, ct);
            db.ChangeTracker.Clear();
            if (ids.Count < BatchSize)
            {
                return sent;
            }
        }
    }

    private async Task<int> SendAsync(List<PushDelivery> due, CancellationToken ct)
    {
        if (due.Count == 0)
        {
            return 0;
        }

        var alertIds = due.Select(d => d.AlertId).Distinct().ToArray();
        var alerts = await db.Alerts.IgnoreQueryFilters().AsNoTracking().Where(a => alertIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToArray();
        var subscriptions = await db.PushSubscriptions.IgnoreQueryFilters().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var keys = await vapid.GetAsync(ct);
        using var auth = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject };
        var client = new PushServiceClient(http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = auth,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,

            // Retries are ours (durable, with back-off); the library would otherwise wait inline on Retry-After.
            AutoRetryAfter = false,
        };

        var sent = 0;
        foreach (var delivery in due)
        {
            if (!subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription) || !alerts.TryGetValue(delivery.AlertId, out var alert))
            {
                delivery.ClaimToken = null;
                delivery.Status = PushDeliveryStatus.Gone;
                delivery.NextAttemptAt = null;
                continue;
            }

            delivery.Attempts++;
            delivery.ClaimToken = null;
            try
            {
                await client.RequestPushMessageDeliveryAsync(ToWebPush(subscription), Message(alert, delivery.MemberId), ct);
                delivery.Status = PushDeliveryStatus.Sent;
                delivery.SentAt = clock.GetUtcNow();
                delivery.NextAttemptAt = null;
                delivery.LastStatusCode = 201;
                sent++;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                delivery.Status = PushDeliveryStatus.Gone;
                delivery.LastStatusCode = (int)ex.StatusCode;
                delivery.NextAttemptAt = null;
                db.PushSubscriptions.Remove(subscription);
                subscriptions.Remove(subscription.Id);
                log.LogInformation("Push subscription {Subscription} is gone ({Status}); removed", subscription.Id, (int)ex.StatusCode);
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500)
            {
                delivery.LastStatusCode = (int)ex.StatusCode;
                Retry(delivery, RetryAfter(ex));
            }
            catch (PushServiceClientException ex)
            {
                // 400/403/413 and the like: retrying the same request cannot help.
                delivery.Status = PushDeliveryStatus.Failed;
                delivery.LastStatusCode = (int)ex.StatusCode;
                delivery.NextAttemptAt = null;
                log.LogWarning("Push to subscription {Subscription} refused with {Status}", subscription.Id, (int)ex.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                delivery.LastStatusCode = null;
                Retry(delivery, null);
                log.LogWarning(ex, "Push to subscription {Subscription} failed; retrying", subscription.Id);
            }
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    private void Retry(PushDelivery delivery, TimeSpan? retryAfter)
    {
        if (delivery.Attempts >= MaxAttempts)
        {
            delivery.Status = PushDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            return;
        }

        // 30 s, 1 min, 2 min, 4 min, 8 min — unless the push service asked for longer.
        var backOff = TimeSpan.FromSeconds(30 * Math.Pow(2, delivery.Attempts - 1));
        delivery.NextAttemptAt = clock.GetUtcNow() + (retryAfter is { } ra && ra > backOff ? ra : backOff);
    }

    private TimeSpan? RetryAfter(PushServiceClientException ex)
        => ex.Headers?.RetryAfter is { } h ? h.Delta ?? (h.Date is { } d ? d - clock.GetUtcNow() : null) : null;

    private static WebPushSubscription ToWebPush(PushSubscription s)
    {
        var w = new WebPushSubscription { Endpoint = s.Endpoint };
        w.SetKey(PushEncryptionKeyName.P256DH, s.P256dh);
        w.SetKey(PushEncryptionKeyName.Auth, s.Auth);
        return w;
    }

    private PushMessage Message(Alert alert, Guid memberId)
    {
        // Push services cap payloads at 4 KB; the body is cut so the encrypted record always fits.
        var body = alert.Body.Length > 800 ? alert.Body[..800] + "…" : alert.Body;
        var payload = new PushPayload(alert.Id, alert.Title, body, alert.Severity.Name(), alert.RequiresAcknowledgement, $"/Alerts/{alert.Id}",
            alert.RequiresAcknowledgement ? $"/Alerts/Ack?token={Uri.EscapeDataString(ackTokens.Create(alert.Id, memberId))}" : null);
        return new PushMessage(JsonSerializer.Serialize(payload, Json))
        {
            TimeToLive = 24 * 3600,
            Urgency = alert.Severity == AlertSeverity.Urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
        };
    }
}
