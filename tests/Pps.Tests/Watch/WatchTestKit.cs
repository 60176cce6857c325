using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;

namespace Pps.Tests.Watch;

internal static partial class WatchTestKit
{
    public const string Board = "bestuur.lansinghage@zoetermeer.demo";
    public const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";
    public const string Rokkeveen = "ondernemer.rokkeveen@zoetermeer.demo";
    public const string Unvetted = "nieuw.lansinghage@zoetermeer.demo";
    public const string Police = "politie@zoetermeer.demo";
    public const string Oov = "oov@zoetermeer.demo";
    public const string Ez = "ez@zoetermeer.demo";
    public const string Pijnacker = "oov@pijnacker.demo";

    public static async Task<(double Lon, double Lat)> InsideLansinghageAsync(this PpsApp app)
    {
        var id = await app.EstateIdAsync("lansinghage");
        var outline = await app.WithDbAsync(db => db.Estates.Where(e => e.Id == id).Select(e => e.OutlineGeoJson).SingleAsync());
        var ring = JsonDocument.Parse(outline).RootElement.GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
        return (ring.Average(p => p.Item1), ring.Average(p => p.Item2));
    }

    /// <summary>Logs an incident at a point inside Lansinghage as <paramref name="email"/>; returns its id.</summary>
    public static async Task<Guid> LogIncidentAsync(this PpsApp app, string email, string description, string kind = "burglary")
    {
        var (lon, lat) = await app.InsideLansinghageAsync();
        var response = await (await app.ClientForAsync(email)).PostAsJsonAsync($"/api/watch/estates/{await app.EstateIdAsync("lansinghage")}/incidents", new
        {
            kind, occurredAt = app.Clock.GetUtcNow().AddHours(-1), description, longitude = lon, latitude = lat, policeReportNumber = "2026112900999",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static MultipartFormDataContent Photos(params byte[][] photos)
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < photos.Length; i++)
        {
            var part = new ByteArrayContent(photos[i]);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "photos", $"foto{i}.jpg");
        }

        return form;
    }

    public static byte[] Jpeg(string marker = "GPS-52.0395-SECRET") => Noticeboards.BoardsTestKit.JpegWithExif(marker);

    /// <summary>Photo files of the watch in the disk blob store.</summary>
    public static int WatchBlobCount(this PpsApp app)
    {
        var root = Path.Combine(app.Services.GetRequiredService<IConfiguration>()["Pps:DataDirectory"]!, "blobs", "watch");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".content-type", StringComparison.Ordinal)) : 0;
    }

    public static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)), body);
    }

    /// <summary>Posts a multipart form page: the antiforgery token is read from <paramref name="page"/> first.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this PageSession session, string page, IDictionary<string, string> fields, (string Name, byte[] Content)[] files, string? action = null)
    {
        var (_, html) = await session.GetAsync(page);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}");
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, name, "foto.jpg");
        }

        return await session.Client.PostAsync(action ?? page, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
