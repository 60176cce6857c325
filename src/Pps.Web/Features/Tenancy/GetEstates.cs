using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

/// <summary>The estates of the caller's tenant.</summary>
public sealed record GetEstates : IQuery<IReadOnlyList<EstateSummary>>;

public sealed record EstateSummary(Guid Id, string Name, string Slug, int Units);

internal sealed class GetEstatesHandler(PpsDb db) : IQueryHandler<GetEstates, IReadOnlyList<EstateSummary>>
{
    public async ValueTask<IReadOnlyList<EstateSummary>> Handle(GetEstates query, CancellationToken ct)
        => await db.Estates
            .OrderBy(e => e.Name)
            .Select(e => new EstateSummary(e.Id, e.Name, e.Slug, db.Units.Count(u => u.EstateId == e.Id)))
            .ToListAsync(ct);
}
