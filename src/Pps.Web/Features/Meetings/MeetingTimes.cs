namespace Pps.Web.Features.Meetings;

/// <summary>Converts the local wall-clock times people enter to UTC, refusing times that do not exist (the hour skipped when summer time starts).</summary>
internal static class MeetingTimes
{
    public static TimeZoneInfo? Find(string id)
        => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>Null when <paramref name="local"/> does not exist in <paramref name="zone"/>. An ambiguous time (the hour repeated in autumn) is read as the first, summer-time one.</summary>
    public static DateTimeOffset? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset utc, string zoneId)
        => Find(zoneId) is { } zone ? TimeZoneInfo.ConvertTime(utc, zone).DateTime : utc.UtcDateTime;
}
