using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Alerts;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

public sealed class SmsOptions
{
    public const string Section = "Reach:Sms";

    /// <summary>Gateway base URL; empty (the default) turns SMS off.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string Sender { get; set; } = "PPSHub";

    public int MonthlyCap { get; set; } = 500;

    /// <summary>What one message costs, for the per-tenant cost counter.</summary>
    public int CostPerMessageCents { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Sends one text message. Implementations throw <see cref="HttpRequestException"/> when the gateway refuses.</summary>
public interface ISmsGateway
{
    Task SendAsync(string to, string text, CancellationToken ct);
}

/// <summary>A Dutch SMS gateway with a generic JSON API: <c>POST {BaseUrl}/messages</c> with a bearer key.</summary>
internal sealed class HttpSmsGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    public async Task SendAsync(string to, string text, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.BaseUrl!.TrimEnd('/') + "/messages")
        {
            Content = JsonContent.Create(new { originator = o.Sender, recipients = new[] { to }, body = text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Messages sent per tenant per calendar month (UTC), and what they cost.</summary>
public sealed class SmsUsage : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Year and month as <c>yyyyMM</c>.</summary>
    public int Month { get; set; }

    public int Count { get; set; }

    public int CostCents { get; set; }
}

internal sealed class SmsUsageConfiguration : IEntityTypeConfiguration<SmsUsage>
{
    public void Configure(EntityTypeBuilder<SmsUsage> b)
    {
        b.HasKey(u => new { u.TenantId, u.Month });
        b.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Sends urgent alerts by SMS to recipients who opted in and gave a mobile number, within the tenant's monthly
/// cap. A message slot is reserved atomically before sending, so concurrent alerts cannot overshoot the cap.
/// </summary>
internal sealed class SmsSender(PpsDb db, ISmsGateway gateway, IOptions<SmsOptions> options, IAuditLog audit, TimeProvider clock, ILogger<SmsSender> log)
{
    public async Task<int> SendAlertAsync(Guid tenantId, Guid alertId, string title, IReadOnlyCollection<Guid> recipients, CancellationToken ct)
    {
        var o = options.Value;
        var ids = recipients.ToArray();
        var optedIn = db.ReachPreferences.Where(p => p.SmsUrgent).Select(p => p.MemberId);
        var phones = await db.Members
            .Where(m => m.TenantId == tenantId && ids.Contains(m.Id) && m.ErasedAt == null && m.PhoneNumber != null && optedIn.Contains(m.Id))
            .Select(m => m.PhoneNumber!)
            .ToListAsync(ct);
        var text = $"PPS Hub URGENT: {(title.Length > 120 ? title[..120] : title)}";
        var month = int.Parse(clock.GetUtcNow().ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var phone in phones)
        {
            if (!await ReserveAsync(tenantId, month, o, ct))
            {
                log.LogWarning("SMS cap of {Cap} reached for tenant {Tenant}; {Left} message(s) for alert {Alert} not sent", o.MonthlyCap, tenantId, phones.Count - sent, alertId);
                await audit.WriteAsync("reach.sms-cap-reached", $"alert:{alertId}", AuditResult.Failure, $"cap {o.MonthlyCap}, not sent {phones.Count - sent}", storeOrigin: false, ct: ct);
                break;
            }

            try
            {
                await gateway.SendAsync(phone, text, ct);
                sent++;
            }
            catch (HttpRequestException ex)
            {
                // The slot stays counted: the gateway may still have charged for it.
                log.LogWarning(ex, "SMS gateway refused a message for alert {Alert}", alertId);
            }
        }

        return sent;
    }

    private async Task<bool> ReserveAsync(Guid tenantId, int month, SmsOptions o, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var updated = await db.SmsUsage.IgnoreQueryFilters()
                .Where(u => u.TenantId == tenantId && u.Month == month && u.Count < o.MonthlyCap)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Count, u => u.Count + 1).SetProperty(u => u.CostCents, u => u.CostCents + o.CostPerMessageCents), ct);
            if (updated == 1)
            {
                return true;
            }

            if (await db.SmsUsage.IgnoreQueryFilters().AnyAsync(u => u.TenantId == tenantId && u.Month == month, ct) || o.MonthlyCap <= 0)
            {
                return false;
            }

            try
            {
                db.SmsUsage.Add(new SmsUsage { TenantId = tenantId, Month = month, Count = 1, CostCents = o.CostPerMessageCents });
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // Another sender created this month's row first; reserve in it instead.
                db.ChangeTracker.Clear();
            }
        }

        return false;
    }
}

/// <summary>
/// Urgent alerts also go out by SMS when the gateway is configured (off by default): handed to
/// <see cref="SmsDispatcher"/>, so the poster never waits on the gateway.
/// </summary>
internal sealed class SendAlertSms(SmsDispatcher dispatcher, IOptions<SmsOptions> options) : INotificationHandler<AlertPosted>
{
    public ValueTask Handle(AlertPosted e, CancellationToken ct)
    {
        if (options.Value.Enabled && e.Message.Severity == AlertSeverity.Urgent.Name() && e.Recipients.Count > 0)
        {
            dispatcher.Enqueue(new SmsDispatcher.AlertSms(e.TenantId, e.AlertId, e.Message.Title, e.Recipients));
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Sends the SMS of posted urgent alerts one alert after another, outside the request that posted them: the
/// messages go to the gateway one by one (each may take up to its 15 s timeout), and <c>POST /api/alerts</c> used to
/// wait for all of them. Not stored: an SMS queued when the process stops is not sent (the alert itself went out
/// live, by push and by e-mail; the SMS cap makes a second attempt after a crash a cost the tenant did not choose).
/// </summary>
/// <remarks>Runs also when timer jobs are off (tests): it acts only on alerts posted in this process.</remarks>
internal sealed class SmsDispatcher(IServiceScopeFactory scopes, ILogger<SmsDispatcher> log) : BackgroundService
{
    public sealed record AlertSms(Guid TenantId, Guid AlertId, string Title, IReadOnlyCollection<Guid> Recipients);

    private readonly Channel<AlertSms> _queue = Channel.CreateUnbounded<AlertSms>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(AlertSms sms)
    {
        if (!_queue.Writer.TryWrite(sms))
        {
            log.LogWarning("Shutting down: the SMS for alert {Alert} are not sent", sms.AlertId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sms in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(sms.TenantId);
                    await scope.ServiceProvider.GetRequiredService<SmsSender>().SendAlertAsync(sms.TenantId, sms.AlertId, sms.Title, sms.Recipients, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(ex, "SMS for alert {Alert} failed", sms.AlertId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }
}
