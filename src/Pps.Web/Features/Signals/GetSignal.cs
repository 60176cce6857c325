using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>One case for a handler. Every read is audited: <c>signal.viewed</c>, or <c>signal.exported</c> for the printable export.</summary>
public sealed record GetSignal(SignalRoute Route, Guid Id, bool ForExport = false) : IQuery<Result<SignalDetail>>;

public sealed record SignalDetail(
    Guid Id,
    string Reference,
    SignalRoute Route,
    string Category,
    string CategoryLabel,
    LocationKind LocationKind,
    Guid? EstateId,
    string? EstateName,
    Guid? UnitId,
    string? UnitAddress,
    double? Longitude,
    double? Latitude,
    string? Address,
    DateTimeOffset SeenAt,
    string Description,
    ReportMode Mode,
    ReporterView? Reporter,
    bool ReporterHidden,
    SignalStatus Status,
    SignalPriority Priority,
    Guid? AssignedToId,
    string? AssignedToName,
    ForwardedTo? ForwardedTo,
    string? Result,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<Guid> PhotoIds,
    IReadOnlyList<HistoryView> History,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<RevealRequestView> RevealRequests);

public sealed record ReporterView(Guid Id, string Name, string? Email);

public sealed record HistoryView(long Id, DateTimeOffset At, HistoryKind Kind, string? ActorName, SignalStatus? FromStatus, SignalStatus? ToStatus, string? Text, bool VisibleToReporter);

public sealed record LinkView(Guid Id, string Reference);

public sealed record RevealRequestView(Guid Id, Guid RequestedById, string RequestedBy, string Reason, DateTimeOffset RequestedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt);

internal sealed class GetSignalHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetSignal, Result<SignalDetail>>
{
    public async ValueTask<Result<SignalDetail>> Handle(GetSignal q, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, q.Route, q.Id, ct);
        if (s is null)
        {
            return Result<SignalDetail>.NotFound();
        }

        var photos = await db.SignalPhotos.Where(p => p.SignalId == s.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var history = await db.SignalHistory.Where(h => h.SignalId == s.Id).OrderBy(h => h.Id).ToListAsync(ct);
        var links = await db.SignalLinks.Where(l => l.SignalId == s.Id || l.LinkedSignalId == s.Id)
            .Select(l => l.SignalId == s.Id ? l.LinkedSignalId : l.SignalId)
            .ToListAsync(ct);
        var linked = await db.Signals.Where(o => links.Contains(o.Id) && o.Route == q.Route).Select(o => new LinkView(o.Id, o.Reference)).ToListAsync(ct);
        var reveals = await db.RevealRequests.Where(r => r.SignalId == s.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);

        var people = history.Select(h => h.ActorId)
            .Concat(reveals.SelectMany(r => new[] { (Guid?)r.RequestedById, r.ApprovedById }))
            .Append(s.AssignedToId).Append(s.ReporterId)
            .OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(m => people.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => new { m.DisplayName, m.Email }, ct);
        string? NameOf(Guid? id) => id is { } x && names.TryGetValue(x, out var n) ? n.DisplayName : null;

        var revealed = s.Mode == ReportMode.Member || (s.Mode == ReportMode.Confidential && reveals.Any(r => r.ApprovedAt is not null));
        ReporterView? reporter = revealed && s.ReporterId is { } rid && names.TryGetValue(rid, out var who) ? new ReporterView(rid, who.DisplayName, who.Email) : null;

        var estateName = s.EstateId is null ? null : await db.Estates.Where(e => e.Id == s.EstateId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var unitAddress = s.UnitId is null ? null : (await db.Units.SingleOrDefaultAsync(u => u.Id == s.UnitId, ct))?.Address;

        audit.Add(q.ForExport ? $"{SignalAccess.AuditPrefix(q.Route)}.exported" : $"{SignalAccess.AuditPrefix(q.Route)}.viewed", SignalAccess.AuditObject(s));
        await db.SaveChangesAsync(ct);

        return Result<SignalDetail>.Ok(new SignalDetail(
            s.Id, s.Reference, s.Route, s.Category, SignalCategories.LabelOf(s.Category), s.LocationKind, s.EstateId, estateName, s.UnitId, unitAddress,
            s.Longitude, s.Latitude, s.Address, s.SeenAt, s.Description, s.Mode, reporter,
            ReporterHidden: s.Mode == ReportMode.Confidential && reporter is null && s.ReporterId is not null,
            s.Status, s.Priority, s.AssignedToId, NameOf(s.AssignedToId), s.ForwardedTo, s.Result, s.ReceivedAt, s.ClosedAt, photos,
            history.Select(h => new HistoryView(h.Id, h.At, h.Kind, NameOf(h.ActorId), h.FromStatus, h.ToStatus, h.Text, h.VisibleToReporter)).ToList(),
            linked,
            reveals.Select(r => new RevealRequestView(r.Id, r.RequestedById, NameOf(r.RequestedById) ?? "?", r.Reason, r.RequestedAt, NameOf(r.ApprovedById), r.ApprovedAt)).ToList()));
    }
}
