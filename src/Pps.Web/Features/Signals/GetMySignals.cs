using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Signals;

/// <summary>The signed-in member's own (non-anonymous) reports with the updates meant for them.</summary>
public sealed record GetMySignals : IQuery<IReadOnlyList<ReporterCase>>;

internal sealed class GetMySignalsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMySignals, IReadOnlyList<ReporterCase>>
{
    public async ValueTask<IReadOnlyList<ReporterCase>> Handle(GetMySignals q, CancellationToken ct)
    {
        if (!me.IsAuthenticated)
        {
            return [];
        }

        var mine = await db.Signals.Where(s => s.ReporterId == me.Id).OrderByDescending(s => s.ReceivedAt).Take(100).ToListAsync(ct);
        var result = new List<ReporterCase>(mine.Count);
        foreach (var s in mine)
        {
            result.Add(await ReporterCases.BuildAsync(db, s, ct));
        }

        return result;
    }
}
