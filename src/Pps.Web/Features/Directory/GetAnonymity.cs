using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// How knowable each estate is: units, units with a known occupant, units whose occupant is vetted, vacant units, and
/// the month-by-month trend (stored snapshots, the current month computed live). EZ and OOV see every estate of their
/// tenant, board members their own; others are refused.
/// </summary>
public sealed record GetAnonymity(Guid? EstateId) : IQuery<Result<IReadOnlyList<EstateAnonymity>>>;

public enum UnitStatus
{
    Vacant = 0,
    Known = 1,
    Vetted = 2,
}

public sealed record EstateAnonymity(
    Guid EstateId,
    string Name,
    int Units,
    int Known,
    int Vetted,
    int Vacant,
    double ShareKnown,
    double ShareVetted,
    IReadOnlyList<AnonymityMonth> Trend,
    IReadOnlyList<double[]> Outline,
    IReadOnlyList<UnitDot> Dots);

public sealed record AnonymityMonth(string Month, int Units, int Known, int Vetted, double ShareVetted);

public sealed record UnitDot(double Longitude, double Latitude, UnitStatus Status, string Address);

/// <summary>Who sees the anonymity map: EZ and OOV every estate of the tenant, a board its own estates.</summary>
public static class AnonymityAccess
{
    public static bool SeesAllEstates(ICurrentMember me) => me.IsInRole(Roles.Ez) || me.IsInRole(Roles.Oov);

    public static bool MaySeeMap(ICurrentMember me) => SeesAllEstates(me) || me.Estates.Any(e => me.HasEstateRole(Roles.Board, e));
}

internal sealed class GetAnonymityHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetAnonymity, Result<IReadOnlyList<EstateAnonymity>>>
{
    public async ValueTask<Result<IReadOnlyList<EstateAnonymity>>> Handle(GetAnonymity query, CancellationToken ct)
    {
        var all = AnonymityAccess.SeesAllEstates(me);
        var boardOf = me.Estates.Where(e => me.HasEstateRole(Roles.Board, e)).ToList();
        if (!AnonymityAccess.MaySeeMap(me))
        {
            return Result<IReadOnlyList<EstateAnonymity>>.Forbidden("The anonymity map is for EZ, OOV and boards.");
        }

        var estates = await db.Estates.AsNoTracking().Where(e => all || boardOf.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync(ct);
        if (query.EstateId is { } only)
        {
            estates = estates.Where(e => e.Id == only).ToList();
            if (estates.Count == 0)
            {
                return Result<IReadOnlyList<EstateAnonymity>>.NotFound();
            }
        }

        var ids = estates.Select(e => e.Id).ToList();
        var figures = await AnonymityFigures.ComputeAsync(db, ids, ct);
        var snapshots = await db.AnonymitySnapshots.AsNoTracking().Where(s => ids.Contains(s.EstateId)).ToListAsync(ct);
        var month = AnonymityFigures.MonthOf(clock.GetUtcNow());
        IReadOnlyList<EstateAnonymity> result = estates.Select(e =>
        {
            var (units, dots) = figures.GetValueOrDefault(e.Id, ([], []));
            int total = units.Count, known = units.Count(u => u != UnitStatus.Vacant), vetted = units.Count(u => u == UnitStatus.Vetted);
            var trend = snapshots.Where(s => s.EstateId == e.Id && string.CompareOrdinal(s.Month, month) < 0).OrderBy(s => s.Month)
                .Select(s => new AnonymityMonth(s.Month, s.Units, s.Known, s.Vetted, Share(s.Vetted, s.Units)))
                .Append(new AnonymityMonth(month, total, known, vetted, Share(vetted, total)))
                .ToList();
            return new EstateAnonymity(e.Id, e.Name, total, known, vetted, total - known, Share(known, total), Share(vetted, total), trend, OutlineOf(e.OutlineGeoJson), dots);
        }).ToList();
        return Result<IReadOnlyList<EstateAnonymity>>.Ok(result);
    }

    private static double Share(int part, int total) => total == 0 ? 0 : Math.Round((double)part / total, 4);

    private static IReadOnlyList<double[]> OutlineOf(string geoJson)
        => EstateOutline.ReadRing(geoJson).Select(p => new[] { p.Lon, p.Lat }).ToList();
}

internal static class AnonymityFigures
{
    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Per estate: the status of each unit, and the dots for the map.</summary>
    public static async Task<Dictionary<Guid, (List<UnitStatus> Units, List<UnitDot> Dots)>> ComputeAsync(PpsDb db, IReadOnlyList<Guid> estates, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => estates.Contains(u.EstateId)).ToListAsync(ct);
        var occupants = units.Where(u => u.OccupantOrganisationId != null).Select(u => u.OccupantOrganisationId!.Value).Distinct().ToList();
        var vettedOrgs = (await db.Members.AsNoTracking()
                .Where(m => m.OrganisationId != null && occupants.Contains(m.OrganisationId.Value) && m.VettingLevel == VettingLevel.Vetted && m.ErasedAt == null
                            && !db.VettingRecords.Any(r => r.MemberId == m.Id && r.SuspendedAt != null))
                .Select(m => m.OrganisationId!.Value).ToListAsync(ct))
            .ToHashSet();
        return units.GroupBy(u => u.EstateId).ToDictionary(
            g => g.Key,
            g =>
            {
                var list = g.OrderBy(u => u.BagId).Select(u => (u, Status: u.OccupantOrganisationId is not { } o ? UnitStatus.Vacant : vettedOrgs.Contains(o) ? UnitStatus.Vetted : UnitStatus.Known)).ToList();
                return (list.Select(x => x.Status).ToList(), list.Select(x => new UnitDot(x.u.Longitude, x.u.Latitude, x.Status, x.u.Address)).ToList());
            });
    }
}
