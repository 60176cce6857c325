using System.Globalization;

namespace Pps.Web.Features.Alerts;

/// <summary>Times on the alert pages are shown in Dutch local time, whatever the server's zone.</summary>
public static class AlertTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string Show(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value is Dutch local time.</summary>
    public static DateTimeOffset FromLocal(DateTime local)
        => new(local, Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));
}
