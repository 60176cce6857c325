using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>
/// A handful of demo signals for Zoetermeer, so the case list and the trends page are not empty in a demo. All are
/// anonymous without a usable follow-up code: no demo account is tied to a demo signal.
/// </summary>
internal static class SignalsDemoData
{
    private static readonly (string Category, string Estate, int DaysAgo, string Description, SignalStatus Status)[] Seeds =
    [
        ("activity.smell", "lansinghage", 3, "Sterke anijslucht 's avonds bij de achterkant van een bedrijfshal.", SignalStatus.Received),
        ("activity.smell", "lansinghage", 9, "Chemische geur en dichtgeplakte ventilatieroosters.", SignalStatus.InProgress),
        ("activity.smell", "rokkeveen", 15, "Vreemde zoete geur rond een leegstaande unit.", SignalStatus.Forwarded),
        ("activity.smell", "lansinghage", 21, "Geur van oplosmiddel, 's nachts draaiende afzuiging.", SignalStatus.Closed),
        ("activity.smell", "lansinghage", 40, "Scherpe lucht bij containers achter het pand.", SignalStatus.Closed),
        ("activity.night-traffic", "lansinghage", 5, "Elke nacht busjes zonder bedrijfsnaam die kort laden en lossen.", SignalStatus.Received),
        ("activity.night-traffic", "rokkeveen", 33, "Auto's met buitenlandse kentekens rond 03.00 uur.", SignalStatus.InProgress),
        ("property.cash-rent", "rokkeveen", 12, "Nieuwe huurder wilde een jaar huur contant vooruitbetalen.", SignalStatus.WaitingForReporter),
        ("property.blinded-windows", "lansinghage", 7, "Ramen van een hal zijn van binnen afgeplakt.", SignalStatus.Received),
        ("persons.intimidation", "lansinghage", 28, "Ondernemer onder druk gezet om een pand te verkopen.", SignalStatus.Forwarded),
    ];

    public static void Add(PpsDb db, Guid tenantId, IReadOnlyDictionary<string, Estate> estates, DateTimeOffset now)
    {
        var n = 0;
        foreach (var (category, estate, daysAgo, description, status) in Seeds)
        {
            var received = now.AddDays(-daysAgo);
            var hash = FollowUpCode.Hash(FollowUpCode.New());
            var signal = new Signal
            {
                TenantId = tenantId, Route = SignalRoute.Signal, Reference = $"S-DEMO{++n:D3}", Category = category,
                LocationKind = LocationKind.None, EstateId = estates[estate].Id, SeenAt = received.AddHours(-10), Description = description,
                Mode = ReportMode.Anonymous, FollowUpHash = hash, FollowUpLookup = FollowUpCode.Lookup(hash), Status = status,
                ReceivedAt = received, ClosedAt = status == SignalStatus.Closed ? received.AddDays(4) : null,
                Result = status == SignalStatus.Closed ? "Controle met netbeheerder en politie; geen verdere actie." : null,
                ForwardedTo = status == SignalStatus.Forwarded ? ForwardedTo.Police : null,
            };
            db.Signals.Add(signal);
            SignalAccess.Append(db, signal, HistoryKind.Created, received, null, visibleToReporter: true, to: SignalStatus.Received);
            if (status != SignalStatus.Received)
            {
                SignalAccess.Append(db, signal, HistoryKind.StatusChanged, received.AddDays(1), null, visibleToReporter: true, from: SignalStatus.Received, to: status);
            }
        }
    }
}
