using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>One estate of the caller's tenant with its outline; another tenant's estate is simply not found.</summary>
public sealed record GetEstate(Guid Id) : IQuery<Result<EstateDetail>>;

public sealed record EstateDetail(Guid Id, string Name, string Slug, JsonElement Outline, int Units);

internal sealed class GetEstateHandler(PpsDb db) : IQueryHandler<GetEstate, Result<EstateDetail>>
{
    public async ValueTask<Result<EstateDetail>> Handle(GetEstate query, CancellationToken ct)
    {
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.Id, ct);
        if (estate is null)
        {
            return Result<EstateDetail>.NotFound();
        }

        var units = await db.Units.CountAsync(u => u.EstateId == estate.Id, ct);
        using var outline = JsonDocument.Parse(estate.OutlineGeoJson);
        return Result<EstateDetail>.Ok(new EstateDetail(estate.Id, estate.Name, estate.Slug, outline.RootElement.Clone(), units));
    }
}
