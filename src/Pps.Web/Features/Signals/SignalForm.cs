using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Pps.Web.Infrastructure.Storage;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Reads a report from a multipart form, for the API and the pages alike: photos are read with the size limit before
/// anything else, and every unreadable field becomes an error naming that field (400), never an exception.
/// </summary>
internal static class SignalForm
{
    public const long MaxRequestBytes = (SignalsOptions.MaxPhotos * SignalsOptions.MaxPhotoBytes) + (1024 * 1024);

    private static readonly TimeZoneInfo Local = FindLocal();

    /// <summary>Raises the body limit for this request only: five photos of 8 MB exceed the server's default.</summary>
    public static void AllowLargeBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
    }

    public static async Task<(ReportSignal? Command, Dictionary<string, string[]> Errors)> ReadAsync(
        IFormCollection form, SignalRoute route, ReportMode? fixedMode, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var mode = fixedMode ?? ReportMode.Member;
        if (fixedMode is null && !string.IsNullOrEmpty(form["mode"]) && !Enum.TryParse(form["mode"], ignoreCase: true, out mode))
        {
            Error("mode", "Mode is member, confidential or anonymous.");
        }

        // Without an explicit kind the location is whatever was filled in: premises, a point, an address, or only an estate.
        var kind = !string.IsNullOrWhiteSpace(form["unitId"]) ? LocationKind.Unit
            : !string.IsNullOrWhiteSpace(form["longitude"]) || !string.IsNullOrWhiteSpace(form["latitude"]) ? LocationKind.Point
            : !string.IsNullOrWhiteSpace(form["address"]) ? LocationKind.Address
            : LocationKind.None;
        if (!string.IsNullOrEmpty(form["locationKind"]) && (!Enum.TryParse(form["locationKind"], ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
        {
            Error("locationKind", "Location is none, unit, point or address.");
        }

        var estateId = Guid(form, "estateId", Error);
        var unitId = Guid(form, "unitId", Error);
        var lon = Number(form, "longitude", Error);
        var lat = Number(form, "latitude", Error);
        DateTimeOffset seenAt = default;
        var seenText = form["seenAt"].ToString();
        if (string.IsNullOrWhiteSpace(seenText))
        {
            Error("seenAt", "Say when you saw it.");
        }
        else if (DateTimeOffset.TryParse(seenText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && HasOffset(seenText))
        {
            seenAt = parsed;
        }
        else if (DateTime.TryParse(seenText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // A browser's datetime-local field has no offset: it is Dutch local time.
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            seenAt = new DateTimeOffset(unspecified, Local.GetUtcOffset(unspecified));
        }
        else
        {
            Error("seenAt", "Not a valid date and time.");
        }

        var photos = new List<byte[]>();
        var files = form.Files.GetFiles("photos").Where(f => f.Length > 0).ToList();
        if (files.Count > SignalsOptions.MaxPhotos)
        {
            Error("photos", $"At most {SignalsOptions.MaxPhotos} photos.");
        }
        else
        {
            foreach (var file in files)
            {
                await using var stream = file.OpenReadStream();
                var bytes = await UploadInspector.ReadLimitedAsync(stream, SignalsOptions.MaxPhotoBytes, ct);
                if (bytes is null)
                {
                    Error("photos", "Each photo may be at most 8 MB.");
                    break;
                }

                photos.Add(bytes);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var command = new ReportSignal(
            route, mode, form["category"].ToString(), kind, estateId, unitId, lon, lat,
            NullIfEmpty(form["address"]), seenAt, form["description"].ToString(), NullIfEmpty(form["tenant"]))
        {
            Photos = photos,
        };
        return (command, errors);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static bool HasOffset(string s) => s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 19 && (s[^6] is '+' or '-'));

    private static Guid? Guid(IFormCollection form, string field, Action<string, string> error)
    {
        var text = form[field].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (System.Guid.TryParse(text, out var id))
        {
            return id;
        }

        error(field, "Not a valid id.");
        return null;
    }

    private static double? Number(IFormCollection form, string field, Action<string, string> error)
    {
        var text = form[field].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n))
        {
            return n;
        }

        error(field, "Not a valid number.");
        return null;
    }

    private static TimeZoneInfo FindLocal()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
