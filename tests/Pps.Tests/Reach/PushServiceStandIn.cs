using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Pps.Tests.Reach;

/// <summary>
/// A browser's side of Web Push, held by the test: a P-256 key pair and a 16-byte auth secret, as
/// <c>PushManager.subscribe</c> makes them. It decrypts aes128gcm payloads (RFC 8291) with its private key.
/// </summary>
public sealed class TestBrowserSubscription : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public TestBrowserSubscription(string endpoint)
    {
        Endpoint = endpoint;
        Auth = RandomNumberGenerator.GetBytes(16);
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    public string Endpoint { get; }

    public byte[] PublicKey { get; }

    public byte[] Auth { get; }

    public object ToJson() => new { endpoint = Endpoint, keys = new { p256dh = WebEncoders.Base64UrlEncode(PublicKey), auth = WebEncoders.Base64UrlEncode(Auth) } };

    /// <summary>RFC 8291 section 3.4 and RFC 8188: header (salt, rs, keyid = sender's public key), one record.</summary>
    public byte[] Decrypt(byte[] body)
    {
        var salt = body[..16];
        var idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var cipher = body[(21 + idLength)..];

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var ecdhSecret = _key.DeriveRawSecretAgreement(sender.PublicKey);

        var prkKey = HKDF.Extract(HashAlgorithmName.SHA256, ecdhSecret, Auth);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderPublic];
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, prkKey, 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());

        var plain = new byte[cipher.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);

        // Padding: the last record ends with 0x02 followed by zero or more zero bytes.
        var end = plain.Length - 1;
        while (end >= 0 && plain[end] == 0)
        {
            end--;
        }

        Assert.Equal(2, plain[end]);
        return plain[..end];
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>
/// A push service on a loopback port. It checks the VAPID JWT (ES256 with the key the hub publishes, audience =
/// the endpoint's origin, expiry in the future) and the aes128gcm encoding, and answers with queued status codes
/// (201 when none is queued).
/// </summary>
public sealed class PushServiceStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PushServiceStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The VAPID public key (base64url) every request must be signed with.</summary>
    public string? ExpectedVapidKey { get; set; }

    public ConcurrentDictionary<string, ConcurrentQueue<int>> Answers { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<Received>> Received { get; } = new();

    public ConcurrentBag<string> Refusals { get; } = [];

    /// <summary>Subscriptions whose next push hangs: the request is accepted, then held until the test releases it.</summary>
    public ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Release)> Holds { get; } = new();

    /// <summary>Makes the next push to <paramref name="id"/> hang until the returned release is completed.</summary>
    public (Task Arrived, TaskCompletionSource Release) Hold(string id)
    {
        var hold = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Holds[id] = hold;
        return (hold.Item1.Task, hold.Item2);
    }

    /// <summary>Waits until <paramref name="id"/> has received <paramref name="count"/> pushes (the hub sends in the background).</summary>
    public async Task<Received[]> WaitForAsync(string id, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!(Received.TryGetValue(id, out var q) && q.Count >= count))
        {
            await Task.Delay(20, timeout.Token);
        }

        return [.. Received[id]];
    }

    public static async Task<PushServiceStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new PushServiceStandIn(app);
        app.MapPost("/push/{id}", async (string id, HttpRequest request) =>
        {
            using var ms = new MemoryStream();
            await request.Body.CopyToAsync(ms);
            var refusal = standIn.Check(request);
            if (refusal is not null)
            {
                standIn.Refusals.Add(refusal);
                return Results.Text(refusal, statusCode: 403);
            }

            if (standIn.Holds.TryRemove(id, out var hold))
            {
                hold.Arrived.TrySetResult();
                await hold.Release.Task;
            }

            var status = standIn.Answers.TryGetValue(id, out var q) && q.TryDequeue(out var s) ? s : 201;
            standIn.Received.GetOrAdd(id, _ => new()).Enqueue(new Received(status, ms.ToArray(), request.Headers["Urgency"].ToString(), request.Headers.ContentEncoding.ToString()));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        standIn.BaseUrl = app.Urls.First().TrimEnd('/');
        return standIn;
    }

    public string Endpoint(string id) => $"{BaseUrl}/push/{id}";

    private string? Check(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return "no vapid authorization";
        }

        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var jwt = parameters["t"];
        var key = parameters["k"];
        if (ExpectedVapidKey is not null && key != ExpectedVapidKey)
        {
            return "unexpected vapid key";
        }

        var parts = jwt.Split('.');
        var publicKey = WebEncoders.Base64UrlDecode(key);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
        });
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), WebEncoders.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256))
        {
            return "bad signature";
        }

        using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[0]));
        using var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            return "alg is not ES256";
        }

        var origin = $"{request.Scheme}://{request.Host}";
        if (claims.RootElement.GetProperty("aud").GetString() != origin)
        {
            return $"aud {claims.RootElement.GetProperty("aud").GetString()} is not {origin}";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64()) <= DateTimeOffset.UtcNow)
        {
            return "expired";
        }

        if (!claims.RootElement.TryGetProperty("sub", out var sub) || sub.GetString() is not { } s || !(s.StartsWith("mailto:") || s.StartsWith("https:")))
        {
            return "no sub";
        }

        return request.Headers.ContentEncoding.ToString() == "aes128gcm" && request.Headers.ContainsKey("TTL") ? null : "not aes128gcm or no TTL";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record Received(int Status, byte[] Body, string Urgency, string ContentEncoding);
