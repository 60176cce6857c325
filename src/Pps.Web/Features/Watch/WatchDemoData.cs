using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>
/// Demo content for Lansinghage: a reported round last week, a short-staffed round in five days, a full round in
/// twelve days, and a few incidents on the map. Written straight to the database, so no e-mail goes out.
/// </summary>
internal static class WatchDemoData
{
    public static async Task SeedAsync(PpsDb db, DateTimeOffset now, CancellationToken ct)
    {
        var estate = await db.Estates.SingleAsync(e => e.Slug == "lansinghage", ct);
        var board = await db.Members.SingleAsync(m => m.Email == "bestuur.lansinghage@zoetermeer.demo", ct);
        var member = await db.Members.SingleAsync(m => m.Email == "ondernemer.lansinghage@zoetermeer.demo", ct);
        var evening = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(20);

        PatrolRound Round(int days, string route, int minimum, params Guid[] people)
        {
            var round = new PatrolRound
            {
                TenantId = estate.TenantId, EstateId = estate.Id, StartUtc = evening.AddDays(days), EndUtc = evening.AddDays(days).AddHours(2),
                Route = route, MinimumPeople = minimum, CreatedBy = board.Id, CreatedAt = now.AddDays(-14),
            };
            db.PatrolRounds.Add(round);
            db.PatrolSignups.AddRange(people.Select(p => new PatrolSignup { TenantId = estate.TenantId, RoundId = round.Id, MemberId = p, SignedUpAt = now.AddDays(-10) }));
            return round;
        }

        var past = Round(-6, "Noordrand en Edisonstraat", 2, board.Id, member.Id);
        past.ReportedAt = past.EndUtc.AddMinutes(15);
        past.ReportedBy = board.Id;
        past.AllQuiet = false;
        past.Findings = "Hek achter de bouwmaterialenhandel stond open; lamp bij de inrit kapot.";
        Round(5, "Rondje zuid: Hodenpijl en parkeerterrein", 2, member.Id);
        Round(12, "Hele terrein, inclusief toegangswegen", 2, board.Id, member.Id);

        var units = await db.Units.Where(u => u.EstateId == estate.Id).OrderBy(u => u.BagId).Take(3).ToListAsync(ct);
        var (lon, lat) = Tenancy.EstateOutline.Centre(estate.OutlineGeoJson);
        void Incident(IncidentKind kind, int daysAgo, string description, Guid? unitId, double x, double y, string? police = null, Guid? round = null)
            => db.Incidents.Add(new Incident
            {
                TenantId = estate.TenantId, EstateId = estate.Id, Kind = kind, OccurredAt = now.AddDays(-daysAgo).AddHours(-3), UnitId = unitId,
                Longitude = x, Latitude = y, Description = description, PoliceReportNumber = police, ReporterId = round is null ? member.Id : board.Id,
                RoundId = round, CreatedAt = now.AddDays(-daysAgo),
            });

        if (units.Count >= 2)
        {
            Incident(IncidentKind.Burglary, 12, "Inbraak via de achterdeur, gereedschap weg.", units[0].Id, units[0].Longitude, units[0].Latitude, "2026111200417");
            Incident(IncidentKind.Vandalism, 6, "Hek opengebroken (gevonden tijdens de ronde).", units[1].Id, units[1].Longitude, units[1].Latitude, round: past.Id);
        }

        Incident(IncidentKind.Dumping, 20, "Partij bouwafval gestort langs de sloot.", null, lon, lat);
        Incident(IncidentKind.SuspiciousVehicleOrPerson, 2, "Bestelbus zonder kenteken reed 's nachts rondjes over het terrein.", null, lon + 0.0005, lat - 0.0003);
        await db.SaveChangesAsync(ct);
    }
}
