namespace Pps.Web.Features.Alerts;

/// <summary>Marker for the alerts' resource files (<c>Resources/Features/Alerts/AlertsText.resx</c>).</summary>
public sealed class AlertsText;
