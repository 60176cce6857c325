using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using SkiaSharp;

namespace Pps.Tests.Awareness;

/// <summary>Uploads and storage inspection shared by the library and onboarding tests.</summary>
public static class LibraryTestData
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A Windows executable's first bytes ("MZ" header).</summary>
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static byte[] Jpeg(int size = 16)
    {
        using var bitmap = new SKBitmap(size, size);
        bitmap.Erase(SKColors.OrangeRed);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public static MultipartFormDataContent Form(
        string title = "Testdocument",
        string category = "reportingRoutes",
        string language = "nl",
        byte[]? file = null,
        string fileName = "doc.pdf",
        string? kind = null,
        string? url = null,
        string? body = null,
        string? tags = null,
        string[]? audience = null,
        string[]? mustReadRoles = null,
        Guid[]? mustReadEstates = null,
        string summary = "Samenvatting")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent(summary), "summary" },
            { new StringContent(category), "category" },
            { new StringContent(language), "language" },
        };
        AddContent(form, file, fileName, kind, url, body);
        if (tags is not null)
        {
            form.Add(new StringContent(tags), "tags");
        }

        foreach (var a in audience ?? [])
        {
            form.Add(new StringContent(a), "audience");
        }

        foreach (var r in mustReadRoles ?? [])
        {
            form.Add(new StringContent(r), "mustReadRoles");
        }

        foreach (var e in mustReadEstates ?? [])
        {
            form.Add(new StringContent(e.ToString()), "mustReadEstates");
        }

        return form;
    }

    public static MultipartFormDataContent VersionForm(string changeNote, byte[]? file = null, string fileName = "v2.pdf", string? body = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(changeNote), "changeNote" } };
        AddContent(form, file, fileName, null, null, body);
        return form;
    }

    private static void AddContent(MultipartFormDataContent form, byte[]? file, string fileName, string? kind, string? url, string? body)
    {
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // claimed type: never trusted
            form.Add(content, "file", fileName);
        }

        if (url is not null)
        {
            form.Add(new StringContent(url), "url");
        }

        if (body is not null)
        {
            form.Add(new StringContent(body), "body");
        }
    }

    public static async Task<Guid> CreateAsync(HttpClient editor, MultipartFormDataContent form)
    {
        var response = await editor.PostAsync("/api/library", form);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Every blob key under <c>library/</c> in whichever store the app runs (disk folder or Azure container).</summary>
    public static async Task<HashSet<string>> LibraryBlobsAsync(PpsApp app)
    {
        if (app.Services.GetService<BlobContainerClient>() is { } container)
        {
            var keys = new HashSet<string>();
            if (!await container.ExistsAsync())
            {
                return keys;
            }

            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "library/", CancellationToken.None))
            {
                keys.Add(blob.Name);
            }

            return keys;
        }

        var root = Path.Combine(app.Services.GetRequiredService<IConfiguration>()["Pps:DataDirectory"]!, "blobs", "library");
        return Directory.Exists(root)
            ? Directory.GetFiles(root).Where(f => !f.EndsWith(".content-type", StringComparison.Ordinal)).Select(f => "library/" + Path.GetFileName(f)).ToHashSet()
            : [];
    }
}
