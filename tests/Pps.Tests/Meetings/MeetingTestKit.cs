using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Meetings;

/// <summary>Arranging meetings and reading what was mailed.</summary>
internal static class MeetingTestKit
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>10:00 Amsterdam time, <paramref name="days"/> days from the fake clock's now, as entered in a form.</summary>
    public static string LocalAt(PpsApp app, int days, int hour = 10)
    {
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Amsterdam).Date.AddDays(days).AddHours(hour);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static async Task<Guid> MemberIdAsync(PpsApp app, string email)
        => await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == email)).Id);

    public static async Task<Guid> CreateAsync(PpsApp app, HttpClient organiser, string title, object[] invite, int? capacity = null, string estate = "lansinghage", string? onlineUrl = null, int days = 3, string kind = "meeting", string? start = null, string? end = null)
    {
        var response = await organiser.PostAsJsonAsync("/api/meetings", new
        {
            title,
            kind,
            start = start ?? LocalAt(app, days),
            end = end ?? LocalAt(app, days, 12),
            estateIds = new[] { await app.EstateIdAsync(estate) },
            agenda = "Opening\nRondgang\nAfspraken",
            address = "Edisonstraat 1, Zoetermeer",
            onlineUrl,
            capacity,
            invite,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Amsterdam wall-clock time of the fake clock's now plus <paramref name="offset"/>.</summary>
    public static string LocalIn(PpsApp app, TimeSpan offset)
        => TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow() + offset, Amsterdam).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static Task<string> CreateMember(this PpsApp app, params (string Role, string? EstateSlug)[] roles)
        => app.CreateMemberAsync("zoetermeer", Pps.Web.Features.Members.VettingLevel.Vetted, roles);

    /// <summary>A fresh estate in Zoetermeer, so an action plan holds only this test's actions.</summary>
    public static async Task<(Guid Id, string Slug)> CreateEstateForTestAsync(this PpsApp app)
    {
        var slug = "test-" + Guid.NewGuid().ToString("N")[..10];
        return await app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == "zoetermeer");
            var estate = new Pps.Web.Features.Tenancy.Estate
            {
                TenantId = tenant.Id, Name = "Testterrein " + slug, Slug = slug, CreatedAt = app.Clock.GetUtcNow(),
                OutlineGeoJson = "{\"type\":\"Polygon\",\"coordinates\":[[[4.46,52.04],[4.48,52.04],[4.48,52.06],[4.46,52.04]]]}",
            };
            db.Estates.Add(estate);
            await db.SaveChangesAsync();
            return (estate.Id, slug);
        });
    }

    public static object Person(Guid id) => new { kind = "person", value = id.ToString() };

    public static async Task<IReadOnlyList<MimeMessage>> MailAsync(PpsApp app, string email)
    {
        await app.RunJobAsync<SendQueuedEmailJob>();
        return app.Smtp.To(email);
    }

    /// <summary>The text/calendar parts of a message with the METHOD of their content type.</summary>
    public static IEnumerable<(string? Method, string Text)> Calendars(MimeMessage message)
        => message.BodyParts.OfType<MimePart>()
            .Where(p => p.ContentType.IsMimeType("text", "calendar"))
            .Select(p =>
            {
                using var stream = new MemoryStream();
                p.Content!.DecodeTo(stream);
                return (p.ContentType.Parameters["method"], Encoding.UTF8.GetString(stream.ToArray()));
            });

    public static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
