using System.Globalization;
using Pps.Web.Features.Meetings;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Digest periods in Dutch local time. A day starts at 07:00 and a week on Monday 07:00, so the digest of the
/// night's and weekend's events is in the inbox at the start of the working day, not at midnight.
/// </summary>
public static class DigestPeriods
{
    public static readonly TimeSpan DayStart = TimeSpan.FromHours(7);

    /// <summary>The key of the period that contains <paramref name="utc"/>; a new key means a digest is due.</summary>
    public static string? KeyOf(DigestFrequency frequency, DateTimeOffset utc)
    {
        var shifted = MeetingTimes.ToLocal(utc, Meeting.DefaultTimeZone) - DayStart;
        return frequency switch
        {
            DigestFrequency.Daily => "d" + shifted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DigestFrequency.Weekly => $"w{ISOWeek.GetYear(shifted):D4}-{ISOWeek.GetWeekOfYear(shifted):D2}",
            _ => null,
        };
    }

    public static TimeSpan Length(DigestFrequency frequency) => frequency == DigestFrequency.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    public static string Name(this DigestFrequency frequency) => frequency.ToString().ToLowerInvariant();

    public static DigestFrequency? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "none" => DigestFrequency.None,
        "daily" => DigestFrequency.Daily,
        "weekly" => DigestFrequency.Weekly,
        _ => null,
    };
}
