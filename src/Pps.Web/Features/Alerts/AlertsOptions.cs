namespace Pps.Web.Features.Alerts;

/// <summary>Configuration section <c>Alerts</c>.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>An urgent alert that requires acknowledgement is e-mailed to those who have not acknowledged after this long.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the one-click acknowledgement link in an e-mail stays valid.</summary>
    public TimeSpan AcknowledgementLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Receipt changes of one alert are summarised and pushed at most once per this interval.</summary>
    public TimeSpan ReceiptSummaryInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
