namespace Pps.Web.Features.Reach;

public sealed class ReachOptions
{
    public const string Section = "Reach";

    public VapidOptions Vapid { get; set; } = new();

    /// <summary>
    /// Host names (or suffixes starting with a dot) of push services a subscription may point at, so a member cannot
    /// make the hub post to arbitrary hosts. Loopback is also allowed outside Production (tests, local stand-ins).
    /// </summary>
    public List<string> PushHosts { get; set; } =
    [
        "fcm.googleapis.com", "updates.push.services.mozilla.com", ".push.services.mozilla.com", ".notify.windows.com",
        ".push.apple.com",
    ];

    public sealed class VapidOptions
    {
        public string? PublicKey { get; set; }

        public string? PrivateKey { get; set; }

        /// <summary>A <c>mailto:</c> or <c>https:</c> contact for the push service (RFC 8292).</summary>
        public string? Subject { get; set; }
    }
}
