using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Reach;

public sealed record VapidKeyMaterial(string PublicKey, string PrivateKey, string Subject);

/// <summary>
/// The VAPID key pair: from configuration when set, otherwise generated once into the database (all instances then
/// share it, and subscriptions made against it stay valid across restarts).
/// </summary>
internal sealed class VapidKeys(IOptions<ReachOptions> options, IOptions<PpsOptions> pps, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private VapidKeyMaterial? _cached;

    public async Task<VapidKeyMaterial> GetAsync(CancellationToken ct)
    {
        if (_cached is { } c)
        {
            return c;
        }

        await _lock.WaitAsync(ct);
        try
        {
            return _cached ??= await LoadAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<VapidKeyMaterial> LoadAsync(CancellationToken ct)
    {
        var o = options.Value.Vapid;
        var subject = !string.IsNullOrWhiteSpace(o.Subject) ? o.Subject! : DefaultSubject();
        if (!string.IsNullOrWhiteSpace(o.PublicKey) && !string.IsNullOrWhiteSpace(o.PrivateKey))
        {
            return new VapidKeyMaterial(o.PublicKey!, o.PrivateKey!, subject);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var stored = await db.VapidKeyPairs.AsNoTracking().SingleOrDefaultAsync(k => k.Id == 1, ct);
        if (stored is null)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ecdsa.ExportParameters(includePrivateParameters: true);
            var pair = new VapidKeyPair
            {
                Id = 1,
                PublicKey = WebEncoders.Base64UrlEncode([0x04, .. p.Q.X!, .. p.Q.Y!]),
                PrivateKey = WebEncoders.Base64UrlEncode(p.D!),
                CreatedAt = clock.GetUtcNow(),
            };
            db.VapidKeyPairs.Add(pair);
            try
            {
                await db.SaveChangesAsync(ct);
                stored = pair;
            }
            catch (DbUpdateException)
            {
                // Another instance generated it first: use theirs.
                db.ChangeTracker.Clear();
                stored = await db.VapidKeyPairs.AsNoTracking().SingleAsync(k => k.Id == 1, ct);
            }
        }

        return new VapidKeyMaterial(stored.PublicKey, stored.PrivateKey, subject);
    }

    private string DefaultSubject()
    {
        var baseUrl = pps.Value.PublicBaseUrl;
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps
            ? u.GetLeftPart(UriPartial.Authority)
            : "mailto:noreply@pps-hub.invalid";
    }
}
