using System.Diagnostics.Metrics;

namespace Pps.Web.Infrastructure.Scale;

/// <summary>The hub's own metrics: alerts posted and delivered, live connections.</summary>
public sealed class HubMetrics
{
    public const string MeterName = "Pps.Hub";

    private readonly Counter<long> _alertsPosted;
    private readonly Counter<long> _alertsDelivered;
    private readonly UpDownCounter<long> _liveConnections;

    public HubMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _alertsPosted = meter.CreateCounter<long>("pps.alerts.posted", description: "Alerts stored and broadcast");
        _alertsDelivered = meter.CreateCounter<long>("pps.alerts.delivered", description: "Alert receipts marked delivered");
        _liveConnections = meter.CreateUpDownCounter<long>("pps.live.connections", description: "Open connections to /hubs/live");
    }

    public void AlertPosted() => _alertsPosted.Add(1);

    public void AlertsDelivered(int count) => _alertsDelivered.Add(count);

    public void Connected() => _liveConnections.Add(1);

    public void Disconnected() => _liveConnections.Add(-1);
}
