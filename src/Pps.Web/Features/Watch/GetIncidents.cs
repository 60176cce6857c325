using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

public sealed record IncidentView(
    Guid Id,
    Guid EstateId,
    IncidentKind Kind,
    DateTimeOffset OccurredAt,
    Guid? UnitId,
    string? UnitAddress,
    double Longitude,
    double Latitude,
    bool OutsideOutline,
    string Description,
    string? PoliceReportNumber,
    string Reporter,
    Guid? RoundId,
    IReadOnlyList<Guid> PhotoIds,
    Guid? PromotedPostId,
    Guid? PromotedSignalId,
    string? PromotedSignalReference)
{
    /// <param name="showSignal">Only staff learn which confidential signal an incident became.</param>
    internal static IncidentView Of(Incident i, string reporter, string? unitAddress, IReadOnlyList<Guid> photoIds, bool showSignal)
        => new(i.Id, i.EstateId, i.Kind, i.OccurredAt, i.UnitId, unitAddress, i.Longitude, i.Latitude, i.OutsideOutline, i.Description,
            i.PoliceReportNumber, reporter, i.RoundId, photoIds, i.PromotedPostId, showSignal ? i.PromotedSignalId : null,
            showSignal ? i.PromotedSignalReference : null);
}

public sealed record KindMonthCount(string Month, IncidentKind Kind, int Count);

public sealed record IncidentLog(Guid EstateId, string EstateName, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<IncidentView> Incidents, IReadOnlyList<KindMonthCount> Counts);

/// <summary>The incident log of one estate over a period (at most two years), optionally of one kind, with counts per kind per month.</summary>
public sealed record GetIncidents(Guid EstateId, DateTimeOffset? From = null, DateTimeOffset? To = null, IncidentKind? Kind = null) : IQuery<Result<IncidentLog>>;

internal sealed class GetIncidentsHandler(PpsDb db, WatchAccess access, TimeProvider clock) : IQueryHandler<GetIncidents, Result<IncidentLog>>
{
    public const int MaxDays = 731;

    public async ValueTask<Result<IncidentLog>> Handle(GetIncidents q, CancellationToken ct)
    {
        var estate = await access.EstateAsync(q.EstateId, ct);
        if (estate is null || !access.CanSeeIncidents(estate.Id))
        {
            return Result<IncidentLog>.NotFound("No such estate.");
        }

        var to = q.To ?? clock.GetUtcNow().AddDays(1);
        var from = q.From ?? to.AddDays(-90);
        if (from >= to)
        {
            return Result<IncidentLog>.Invalid("from", "The period must start before it ends.");
        }

        if (to - from > TimeSpan.FromDays(MaxDays))
        {
            return Result<IncidentLog>.Invalid("from", "The period is at most two years.");
        }

        if (q.Kind is { } k && !Enum.IsDefined(k))
        {
            return Result<IncidentLog>.Invalid("kind", "Unknown kind.");
        }

        var query = db.Incidents.Where(i => i.EstateId == estate.Id && i.OccurredAt >= from && i.OccurredAt < to);
        if (q.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        var rows = await query
            .OrderByDescending(i => i.OccurredAt)
            .Take(1000)
            .Select(i => new
            {
                Incident = i,
                Reporter = db.Members.Where(m => m.Id == i.ReporterId).Select(m => m.DisplayName).FirstOrDefault(),
                Unit = db.Units.Where(u => u.Id == i.UnitId).Select(u => u.Street + " " + u.HouseNumber).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Incident.Id).ToArray();
        var photos = (await db.IncidentPhotos.Where(p => ids.Contains(p.IncidentId)).OrderBy(p => p.AddedAt).Select(p => new { p.IncidentId, p.Id }).ToListAsync(ct))
            .ToLookup(p => p.IncidentId, p => p.Id);
        var views = rows.Select(r => IncidentView.Of(r.Incident, r.Reporter ?? "", r.Unit, photos[r.Incident.Id].ToList(), access.IsStaff)).ToList();
        var counts = views
            .GroupBy(v => (Month: WatchTimes.ToLocal(v.OccurredAt).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), v.Kind))
            .OrderBy(g => g.Key.Month).ThenBy(g => g.Key.Kind)
            .Select(g => new KindMonthCount(g.Key.Month, g.Key.Kind, g.Count()))
            .ToList();
        return Result<IncidentLog>.Ok(new IncidentLog(estate.Id, estate.Name, from, to, views, counts));
    }
}

public sealed record GetIncident(Guid IncidentId) : IQuery<Result<IncidentView>>;

internal sealed class GetIncidentHandler(PpsDb db, WatchAccess access) : IQueryHandler<GetIncident, Result<IncidentView>>
{
    public async ValueTask<Result<IncidentView>> Handle(GetIncident q, CancellationToken ct)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == q.IncidentId, ct);
        if (incident is null || !access.CanSeeIncidents(incident.EstateId))
        {
            return Result<IncidentView>.NotFound("No such incident.");
        }

        var reporter = await db.Members.Where(m => m.Id == incident.ReporterId).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        var unit = await db.Units.Where(u => u.Id == incident.UnitId).Select(u => u.Street + " " + u.HouseNumber).FirstOrDefaultAsync(ct);
        var photos = await db.IncidentPhotos.Where(p => p.IncidentId == incident.Id).OrderBy(p => p.AddedAt).Select(p => p.Id).ToListAsync(ct);
        return Result<IncidentView>.Ok(IncidentView.Of(incident, reporter ?? "", unit, photos, access.IsStaff));
    }
}
