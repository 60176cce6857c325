using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Signs the VAPID token (RFC 8292) on each push request. Lib.Net.Http.WebPush encrypts the payload and speaks
/// RFC 8030, but its token audience is <c>scheme://host</c> without the port, while RFC 8292 requires the
/// origin of the push resource (port included when not the default); so the token is replaced here.
/// </summary>
internal sealed class VapidSigningHandler(VapidKeys keys, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var key = await keys.GetAsync(ct);
        var origin = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        var header = Encode(new { typ = "JWT", alg = "ES256" });
        var claims = Encode(new { aud = origin, exp = clock.GetUtcNow().AddHours(12).ToUnixTimeSeconds(), sub = key.Subject });
        var publicKey = WebEncoders.Base64UrlDecode(key.PublicKey);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = WebEncoders.Base64UrlDecode(key.PrivateKey),
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
        });
        var signature = ecdsa.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256);
        request.Headers.Authorization = new AuthenticationHeaderValue("vapid", $"t={header}.{claims}.{WebEncoders.Base64UrlEncode(signature)}, k={key.PublicKey}");
        return await base.SendAsync(request, ct);
    }

    private static string Encode(object value) => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(value));
}
