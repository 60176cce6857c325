using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Noticeboards;
using SkiaSharp;

namespace Pps.Tests.Noticeboards;

/// <summary>Finding demo boards, posting, and making test files.</summary>
internal static class BoardsTestKit
{
    public const string BoardMember = "bestuur.lansinghage@zoetermeer.demo";
    public const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";
    public const string Rokkeveen = "ondernemer.rokkeveen@zoetermeer.demo";
    public const string Unvetted = "nieuw.lansinghage@zoetermeer.demo";
    public const string Oov = "oov@zoetermeer.demo";
    public const string Ez = "ez@zoetermeer.demo";
    public const string Police = "politie@zoetermeer.demo";
    public const string OtherTenant = "oov@pijnacker.demo";

    /// <summary>A board by key: <c>tenant</c>, <c>estate:slug</c>, <c>association:slug</c>, <c>department:role</c> (Zoetermeer unless <c>pijnacker:</c>-prefixed).</summary>
    public static async Task<Guid> BoardAsync(this PpsApp app, string key)
    {
        var tenantSlug = key.StartsWith("pijnacker:", StringComparison.Ordinal) ? "pijnacker-nootdorp" : "zoetermeer";
        key = key.Replace("pijnacker:", "", StringComparison.Ordinal);
        return await app.WithDbAsync(async db =>
        {
            var tenantId = await db.Tenants.Where(t => t.Slug == tenantSlug).Select(t => t.Id).SingleAsync();
            var parts = key.Split(':');
            string dbKey = parts[0] switch
            {
                "estate" or "association" => $"{parts[0]}:{(await db.Estates.SingleAsync(e => e.TenantId == tenantId && e.Slug == parts[1])).Id:N}",
                _ => key,
            };
            return await db.Boards.Where(b => b.TenantId == tenantId && b.Key == dbKey).Select(b => b.Id).SingleAsync();
        });
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, Guid boardId, string? title = null, string body = "Iets om te delen.", object? extra = null)
    {
        var response = await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", extra ?? new { title = title ?? "Bericht " + Guid.NewGuid().ToString("N")[..8], body });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static MultipartFormDataContent Form(string title, string body, params (string Name, byte[] Content, string ClaimedType)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(title), "title" }, { new StringContent(body), "body" } };
        foreach (var (name, content, type) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "attachments", name);
        }

        return form;
    }

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A JPEG photo with an EXIF block carrying a recognisable GPS marker.</summary>
    public static byte[] JpegWithExif(string marker)
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.CornflowerBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = "Exif\0\0"u8.ToArray().Concat(System.Text.Encoding.ASCII.GetBytes(marker)).ToArray();
        var length = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(app1).Concat(jpeg.Skip(2)).ToArray();
    }

    public static int BlobCount(this PpsApp app)
    {
        var root = Path.Combine(app.Services.GetRequiredService<IConfiguration>()["Pps:DataDirectory"]!, "blobs", "noticeboards");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".content-type", StringComparison.Ordinal)) : 0;
    }
}
