namespace Pps.Web.Features.Sessions;

/// <summary>
/// A coarse "which browser on which system" from a User-Agent, enough for a member to recognise their own devices.
/// Only these family names are stored, never the raw string (which fingerprints a device far more precisely).
/// </summary>
public static class DeviceDescription
{
    public static (string? Browser, string? System) From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return (null, null);
        }

        var ua = userAgent.Length > 512 ? userAgent[..512] : userAgent;
        return (BrowserOf(ua), SystemOf(ua));
    }

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static string? BrowserOf(string ua) => ua switch
    {
        _ when Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") => "Edge",
        _ when Has(ua, "OPR/") || Has(ua, "Opera") => "Opera",
        _ when Has(ua, "SamsungBrowser/") => "Samsung Internet",
        _ when Has(ua, "Firefox/") || Has(ua, "FxiOS/") => "Firefox",
        _ when Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/") => "Chrome",
        _ when Has(ua, "Safari/") && Has(ua, "Version/") => "Safari",
        _ when Has(ua, "okhttp") || Has(ua, "Dalvik") => "Android app",
        _ when Has(ua, "CFNetwork") => "iOS app",
        _ => null,
    };

    private static string? SystemOf(string ua) => ua switch
    {
        _ when Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iPod") || Has(ua, "CFNetwork") => "iOS",
        _ when Has(ua, "Android") || Has(ua, "Dalvik") || Has(ua, "okhttp") => "Android",
        _ when Has(ua, "Windows") => "Windows",
        _ when Has(ua, "CrOS") => "ChromeOS",
        _ when Has(ua, "Mac OS X") || Has(ua, "Macintosh") => "macOS",
        _ when Has(ua, "Linux") || Has(ua, "X11") => "Linux",
        _ => null,
    };
}
