using Pps.Web.Features.Watch;

namespace Pps.Web.Pages.Watch;

/// <summary>A round's date and times as a Dutch form has them; a round that runs past midnight ends on the next day.</summary>
public sealed class RoundTimes
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public DateOnly? Date { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }

    public string? Route { get; set; }

    public int MinimumPeople { get; set; } = 2;

    public static RoundTimes Of(RoundView round)
    {
        var start = WatchTimes.ToLocal(round.Start);
        var end = WatchTimes.ToLocal(round.End);
        return new RoundTimes
        {
            Date = DateOnly.FromDateTime(start.DateTime), Start = TimeOnly.FromDateTime(start.DateTime), End = TimeOnly.FromDateTime(end.DateTime),
            Route = round.Route, MinimumPeople = round.MinimumPeople,
        };
    }

    /// <summary>Start and end in UTC, or null when a field is missing.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Times()
        => Date is { } date && Start is { } start && End is { } end
            ? (Local(date, start), Local(end <= start ? date.AddDays(1) : date, end))
            : null;

    private static DateTimeOffset Local(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local)).ToUniversalTime();
    }
}
