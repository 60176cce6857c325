using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pps.Tests.Infrastructure;
using SkiaSharp;

namespace Pps.Tests.Signals;

/// <summary>Builders for signal reports, a JPEG carrying EXIF GPS, clients with a chosen network address, and a log sink.</summary>
internal static class SignalsTestKit
{
    public static MultipartFormDataContent Report(
        string category = "activity.smell",
        string description = "Strong smell of chemicals at night near the back door.",
        string? mode = null,
        string? tenant = "zoetermeer",
        string? locationKind = "address",
        string? address = "Industrieweg 1, Zoetermeer",
        string? seenAt = null,
        Guid? estateId = null,
        IEnumerable<byte[]>? photos = null)
    {
        var form = new MultipartFormDataContent();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        Add("category", category);
        Add("description", description);
        Add("mode", mode);
        Add("tenant", tenant);
        Add("locationKind", locationKind);
        Add("address", address);
        Add("seenAt", seenAt ?? DateTimeOffset.UtcNow.AddHours(-2).ToString("O"));
        Add("estateId", estateId?.ToString());
        var i = 0;
        foreach (var photo in photos ?? [])
        {
            var content = new ByteArrayContent(photo);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "photos", $"photo{i++}.jpg");
        }

        return form;
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (TestServer has no network address of its own).</summary>
    public static HttpClient ClientFrom(Microsoft.AspNetCore.TestHost.TestServer server, IPAddress address)
        => new(server.CreateHandler(ctx => ctx.Connection.RemoteIpAddress = address)) { BaseAddress = server.BaseAddress };

    public static IPAddress RandomAddress() => new([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);

    public static async Task<(Guid Id, string Code)> ReportAnonymouslyAsync(PpsApp app, MultipartFormDataContent? form = null)
    {
        using var client = ClientFrom(app.Server, RandomAddress());
        var response = await client.PostAsync("/api/signals/anonymous", form ?? Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("followUpCode").GetString()!);
    }

    public static async Task<Guid> ReportAsMemberAsync(PpsApp app, string email, string mode = "member", string category = "property.cash-rent", Guid? estateId = null)
    {
        var client = await app.ClientForAsync(email);
        var response = await client.PostAsync("/api/signals", Report(category: category, mode: mode, tenant: null, estateId: estateId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A real JPEG with an APP1 EXIF segment holding a GPS latitude, written byte by byte after the SOI marker.</summary>
    public static byte[] JpegWithGps()
    {
        using var bitmap = new SKBitmap(32, 24);
        bitmap.Erase(new SKColor(200, 60, 40));
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = encoded.ToArray();

        var tiff = new List<byte>();
        tiff.AddRange([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]); // little-endian TIFF, IFD0 at 8
        tiff.AddRange([0x01, 0x00]); // IFD0: one entry
        tiff.AddRange([0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x00]); // GPSInfo pointer → 26
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);
        tiff.AddRange([0x02, 0x00]); // GPS IFD: two entries
        tiff.AddRange([0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'N', 0x00, 0x00, 0x00]); // GPSLatitudeRef "N"
        tiff.AddRange([0x02, 0x00, 0x05, 0x00, 0x03, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00]); // GPSLatitude → 56
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);
        foreach (var (num, den) in new[] { (52u, 1u), (3u, 1u), (4123u, 100u) })
        {
            tiff.AddRange(BitConverter.GetBytes(num));
            tiff.AddRange(BitConverter.GetBytes(den));
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg[..2].Concat(app1).Concat(jpeg[2..]).ToArray();
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

/// <summary>Keeps every log line the app writes, to prove what it does not write.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} {structured} {exception}");
        }
    }
}
