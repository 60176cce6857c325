using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>Who handles which route, and the one way handlers load a signal (tenant filter + route), so a miss is always a 404.</summary>
internal static class SignalAccess
{
    public static string HandlerRole(SignalRoute route) => route == SignalRoute.Integrity ? Roles.IntegrityOfficer : Roles.Signals;

    public static bool CanHandle(ICurrentMember me, SignalRoute route) => me.IsAuthenticated && me.TenantId is not null && me.IsInRole(HandlerRole(route));

    /// <summary>The signal when the caller handles its route in its tenant; null otherwise (callers answer 404).</summary>
    public static async Task<Signal?> LoadAsync(PpsDb db, ICurrentMember me, SignalRoute route, Guid id, CancellationToken ct)
    {
        if (!CanHandle(me, route))
        {
            return null;
        }

        return await db.Signals.SingleOrDefaultAsync(s => s.Id == id && s.Route == route, ct);
    }

    /// <summary>Appends a history line; the only way the app writes history.</summary>
    public static void Append(PpsDb db, Signal signal, HistoryKind kind, DateTimeOffset at, Guid? actorId, string? text = null, bool visibleToReporter = false, SignalStatus? from = null, SignalStatus? to = null)
        => db.SignalHistory.Add(new SignalHistoryEntry
        {
            TenantId = signal.TenantId,
            SignalId = signal.Id,
            At = at,
            ActorId = actorId,
            Kind = kind,
            Text = text,
            VisibleToReporter = visibleToReporter,
            FromStatus = from,
            ToStatus = to,
        });

    /// <summary>
    /// Audit for the anonymous reporter: written by hand rather than through <c>IAuditLog</c>, because the entry must carry
    /// neither an account (a signed-in official may still choose anonymity) nor the network address (<c>Origin</c> null).
    /// </summary>
    public static void AuditAnonymous(PpsDb db, DateTimeOffset at, Signal s, string action)
        => db.Set<AuditEntry>().Add(new AuditEntry
        {
            TenantId = s.TenantId, Actor = "anonymous", Action = action, Object = AuditObject(s),
            Result = AuditResult.Success, Origin = null, At = at,
        });

    public static string AuditObject(Signal s) => $"{(s.Route == SignalRoute.Integrity ? "integrity-report" : "signal")}:{s.Id}";

    public static string AuditPrefix(SignalRoute route) => route == SignalRoute.Integrity ? "integrity" : "signal";

    public static bool CanMoveTo(SignalStatus from, SignalStatus to) => (from, to) switch
    {
        (SignalStatus.Closed, _) => false,
        (_, SignalStatus.Received) => false,
        _ when from == to => false,
        _ => true,
    };
}
