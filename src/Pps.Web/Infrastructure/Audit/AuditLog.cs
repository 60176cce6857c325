using System.Security.Claims;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Audit;

/// <summary>Writes audit entries. <see cref="Add"/> joins the caller's unit of work; <see cref="WriteAsync"/> saves at once (for events without other changes, such as a failed log-in).</summary>
public interface IAuditLog
{
    void Add(string action, string? obj, AuditResult result = AuditResult.Success, string? detail = null, bool storeOrigin = true);

    Task WriteAsync(string action, string? obj, AuditResult result = AuditResult.Success, string? detail = null, bool storeOrigin = true, CancellationToken ct = default);

    /// <summary>For actions where the actor is known but not yet signed in (log-in, lockout).</summary>
    Task WriteForAsync(Guid? actorId, string actor, Guid? tenantId, string action, string? obj, AuditResult result, string? detail = null, CancellationToken ct = default);
}

internal sealed class AuditLog(PpsDb db, IHttpContextAccessor http, TimeProvider clock) : IAuditLog
{
    public void Add(string action, string? obj, AuditResult result = AuditResult.Success, string? detail = null, bool storeOrigin = true)
        => db.Set<AuditEntry>().Add(Create(action, obj, result, detail, storeOrigin));

    public async Task WriteAsync(string action, string? obj, AuditResult result = AuditResult.Success, string? detail = null, bool storeOrigin = true, CancellationToken ct = default)
        => await SaveAloneAsync(Create(action, obj, result, detail, storeOrigin), ct);

    public async Task WriteForAsync(Guid? actorId, string actor, Guid? tenantId, string action, string? obj, AuditResult result, string? detail = null, CancellationToken ct = default)
        => await SaveAloneAsync(
            new AuditEntry
            {
                ActorId = actorId,
                Actor = Truncate(actor, 256),
                TenantId = tenantId,
                Action = action,
                Object = obj,
                Result = result,
                Origin = Origin(),
                At = clock.GetUtcNow(),
                Detail = detail is null ? null : Truncate(detail, 2000),
            },
            ct);

    private AuditEntry Create(string action, string? obj, AuditResult result, string? detail, bool storeOrigin)
    {
        var user = http.HttpContext?.User;
        var actorId = Guid.TryParse(user?.FindFirstValue(PpsClaims.MemberId), out var id) ? id : (Guid?)null;
        var tenantId = Guid.TryParse(user?.FindFirstValue(PpsClaims.TenantId), out var t) ? t : (Guid?)null;
        return new AuditEntry
        {
            ActorId = actorId,
            Actor = actorId is null ? "anonymous" : Truncate(user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name ?? actorId.ToString()!, 256),
            TenantId = tenantId,
            Action = action,
            Object = obj,
            Result = result,
            Origin = storeOrigin ? Origin() : null,
            At = clock.GetUtcNow(),
            Detail = detail is null ? null : Truncate(detail, 2000),
        };
    }

    private async Task SaveAloneAsync(AuditEntry entry, CancellationToken ct)
    {
        db.Set<AuditEntry>().Add(entry);
        await db.SaveChangesAsync(ct);
    }

    private string? Origin() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
