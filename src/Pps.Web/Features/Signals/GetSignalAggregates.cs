using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>
/// Counts of ondermijning signals per category, estate and month, for EZ, boards and the signals desk: trends without
/// cases. Counts below <see cref="Threshold"/> are withheld (null, shown as "&lt; 5") so no single report can be traced.
/// Improper-influence reports are never counted here.
/// </summary>
public sealed record GetSignalAggregates : IQuery<Result<SignalAggregates>>
{
    public const int Threshold = 5;
}

public sealed record SignalAggregates(IReadOnlyList<AggregateRow> ByCategory, IReadOnlyList<AggregateRow> ByEstate, IReadOnlyList<AggregateRow> ByMonth);

/// <param name="Count">Null when below the threshold.</param>
/// <param name="Shown">The count as displayed: the number, or "&lt; 5".</param>
public sealed record AggregateRow(string Key, string Label, int? Count, string Shown);

internal sealed class GetSignalAggregatesHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetSignalAggregates, Result<SignalAggregates>>
{
    public static bool MayRead(ICurrentMember me)
        => me.IsAuthenticated && me.TenantId is not null
           && (me.IsInRole(Roles.Ez) || me.IsInRole(Roles.Signals) || me.IsInRole(Roles.Oov) || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e)));

    public async ValueTask<Result<SignalAggregates>> Handle(GetSignalAggregates q, CancellationToken ct)
    {
        if (!MayRead(me))
        {
            return Result<SignalAggregates>.Forbidden();
        }

        var rows = await db.Signals.Where(s => s.Route == SignalRoute.Signal).Select(s => new { s.Category, s.EstateId, s.ReceivedAt }).ToListAsync(ct);
        var estates = await db.Estates.ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        var byCategory = rows.GroupBy(r => r.Category).Select(g => Row(g.Key, SignalCategories.LabelOf(g.Key), g.Count())).OrderBy(r => r.Label, StringComparer.CurrentCulture).ToList();
        var byEstate = rows.GroupBy(r => r.EstateId)
            .Select(g => Row(g.Key?.ToString() ?? "none", g.Key is { } id && estates.TryGetValue(id, out var n) ? n : "–", g.Count()))
            .OrderBy(r => r.Label, StringComparer.CurrentCulture).ToList();
        var byMonth = rows.GroupBy(r => r.ReceivedAt.ToUniversalTime().ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .Select(g => Row(g.Key, g.Key, g.Count())).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        return Result<SignalAggregates>.Ok(new SignalAggregates(byCategory, byEstate, byMonth));
    }

    private static AggregateRow Row(string key, string label, int count)
        => count < GetSignalAggregates.Threshold
            ? new AggregateRow(key, label, null, $"< {GetSignalAggregates.Threshold}")
            : new AggregateRow(key, label, count, count.ToString(CultureInfo.InvariantCulture));
}
