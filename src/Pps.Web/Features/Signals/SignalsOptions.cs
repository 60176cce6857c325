namespace Pps.Web.Features.Signals;

/// <summary>Configuration section <c>Signals</c>.</summary>
public sealed class SignalsOptions
{
    public const string Section = "Signals";

    /// <summary>Days after closing when the reporter's identity (member id, follow-up code) is removed.</summary>
    public int AnonymiseAfterDays { get; set; } = 365;

    /// <summary>Days after closing when the signal, its history and its photos are deleted (five years).</summary>
    public int DeleteAfterDays { get; set; } = 1825;

    /// <summary>Anonymous reports accepted per network address per hour (counted in memory only).</summary>
    public int AnonymousReportsPerAddressPerHour { get; set; } = 5;

    /// <summary>Follow-up codes handed out per hour in the whole hub, against mass creation from many addresses.</summary>
    public int FollowUpCodesPerHour { get; set; } = 200;

    /// <summary>Follow-up code look-ups per network address per ten minutes.</summary>
    public int CodeAttemptsPerAddressPer10Minutes { get; set; } = 10;

    public const int MaxPhotos = 5;

    public const long MaxPhotoBytes = 8 * 1024 * 1024;

    public const int MaxDescription = 5000;
}
