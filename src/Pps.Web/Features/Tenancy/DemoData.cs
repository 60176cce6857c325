using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// The Zoetermeer demo: five estates with outlines, 200+ units, 100+ businesses, the demo accounts of the README,
/// and a small second tenant (Pijnacker-Nootdorp) that proves isolation. Loaded only into an empty database.
/// Deterministic (fixed seed), so tests and screenshots see the same data every time.
/// </summary>
public sealed class DemoData(PpsDb db, ITenantContext tenant, UserManager<Member> users, TimeProvider clock, ILogger<DemoData> log)
{
    public const string Password = "Pps-demo-2026!";

    private static readonly (string Name, string Slug, double Lat, double Lon, int Units)[] ZoetermeerEstates =
    [
        ("Lansinghage", "lansinghage", 52.0395, 4.4640, 48),
        ("Rokkeveen", "rokkeveen", 52.0450, 4.4830, 44),
        ("Zoeterhage", "zoeterhage", 52.0640, 4.5160, 40),
        ("Hoornwijck", "hoornwijck", 52.0560, 4.4470, 36),
        ("Bleizo", "bleizo", 52.0440, 4.5250, 38),
    ];

    private static readonly string[] Streets = ["Industrieweg", "Edisonstraat", "Marconistraat", "Voltaweg", "Fokkerstraat", "Plesmanweg", "Zilverstraat", "Koperweg", "Platinastraat", "Tinweg"];

    private static readonly (string Sbi, string Activity, string Noun)[] Branches =
    [
        ("4941", "Goederenvervoer over de weg", "Transport"),
        ("5210", "Opslag", "Opslag"),
        ("4511", "Handel in auto's", "Autohandel"),
        ("4639", "Groothandel in voedingsmiddelen", "Horecagroothandel"),
        ("2562", "Metaalbewerking", "Metaal"),
        ("4332", "Timmerwerk", "Bouw"),
        ("6201", "Ontwikkelen van software", "IT"),
        ("4520", "Autoreparatie", "Garage"),
        ("1071", "Bakkerijen", "Bakkerij"),
        ("4673", "Groothandel in hout en bouwmaterialen", "Bouwmaterialen"),
    ];

    private static readonly string[] Names = ["De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf"];

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        if (await db.Tenants.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var random = new Random(2026);
        var zoetermeer = new Tenant { Name = "Zoetermeer", Slug = "zoetermeer", CreatedAt = now };
        var pijnacker = new Tenant { Name = "Pijnacker-Nootdorp", Slug = "pijnacker-nootdorp", CreatedAt = now };
        db.Tenants.AddRange(zoetermeer, pijnacker);

        var estates = new Dictionary<string, Estate>();
        var kvk = 27_000_000;
        var bag = 1_783_010_000_000_000L;
        foreach (var (name, slug, lat, lon, unitCount) in ZoetermeerEstates)
        {
            var estate = NewEstate(zoetermeer.Id, name, slug, lat, lon, now);
            estates[slug] = estate;
            db.Estates.Add(estate);
            db.Organisations.Add(new Organisation
            {
                TenantId = zoetermeer.Id, Kind = OrganisationKind.Association, Name = $"Ondernemersvereniging {name}",
                EstateId = estate.Id, Email = $"bestuur@ov-{slug}.demo", CreatedAt = now,
            });
            AddUnits(zoetermeer.Id, estate, "Zoetermeer", "27", lat, lon, unitCount, random, ref kvk, ref bag, now, occupiedShare: 0.7);
        }

        var boezem = NewEstate(pijnacker.Id, "Boezem-Oost", "boezem-oost", 52.0170, 4.4450, now);
        db.Estates.Add(boezem);
        AddUnits(pijnacker.Id, boezem, "Pijnacker", "26", 52.0170, 4.4450, 12, random, ref kvk, ref bag, now, occupiedShare: 0.8);

        var ez = Department(zoetermeer.Id, "Gemeente Zoetermeer – Economische Zaken", Tenancy.Department.Ez, now);
        var ro = Department(zoetermeer.Id, "Gemeente Zoetermeer – Ruimtelijke Ordening", Tenancy.Department.Ro, now);
        var oov = Department(zoetermeer.Id, "Gemeente Zoetermeer – Openbare Orde en Veiligheid", Tenancy.Department.Oov, now);
        var oovPijnacker = Department(pijnacker.Id, "Gemeente Pijnacker-Nootdorp – Openbare Orde en Veiligheid", Tenancy.Department.Oov, now);
        var police = new Organisation { TenantId = zoetermeer.Id, Kind = OrganisationKind.Partner, PartnerKind = PartnerKind.Police, Name = "Politie Eenheid Den Haag – wijkteam Zoetermeer", CreatedAt = now };
        db.Organisations.Add(police);
        await db.SaveChangesAsync(ct);

        var lansinghage = estates["lansinghage"];
        var rokkeveen = estates["rokkeveen"];
        var businessOnLansinghage = await FirstOccupantAsync(lansinghage.Id, skip: 0, ct);
        var boardBusiness = await FirstOccupantAsync(lansinghage.Id, skip: 1, ct);
        var newBusiness = await FirstOccupantAsync(lansinghage.Id, skip: 2, ct);
        var businessOnRokkeveen = await FirstOccupantAsync(rokkeveen.Id, skip: 0, ct);

        await AccountAsync("admin@pps.demo", "Platformbeheerder", null, null, VettingLevel.Vetted, [(Roles.PlatformAdmin, null)], now);
        await AccountAsync("oov@zoetermeer.demo", "Olga Oostveen (OOV, regisseur ondermijning)", zoetermeer.Id, oov.Id, VettingLevel.Vetted, [(Roles.Oov, null), (Roles.Signals, null), (Roles.IntegrityOfficer, null)], now);
        await AccountAsync("ez@zoetermeer.demo", "Erik Zandbergen (EZ accountmanager)", zoetermeer.Id, ez.Id, VettingLevel.Vetted, [(Roles.Ez, null)], now);
        await AccountAsync("ro@zoetermeer.demo", "Rianne Olthof (RO)", zoetermeer.Id, ro.Id, VettingLevel.Vetted, [(Roles.Ro, null)], now);
        await AccountAsync("bestuur.lansinghage@zoetermeer.demo", "Bart Bestuurder", zoetermeer.Id, boardBusiness, VettingLevel.Vetted, [(Roles.Board, lansinghage.Id), (Roles.Entrepreneur, lansinghage.Id)], now);
        await AccountAsync("ondernemer.lansinghage@zoetermeer.demo", "Olaf Ondernemer", zoetermeer.Id, businessOnLansinghage, VettingLevel.Vetted, [(Roles.Entrepreneur, lansinghage.Id)], now);
        await AccountAsync("ondernemer.rokkeveen@zoetermeer.demo", "Roos Rokkeveen", zoetermeer.Id, businessOnRokkeveen, VettingLevel.Vetted, [(Roles.Entrepreneur, rokkeveen.Id)], now);
        await AccountAsync("nieuw.lansinghage@zoetermeer.demo", "Nina Nieuw", zoetermeer.Id, newBusiness, VettingLevel.Registered, [(Roles.Entrepreneur, lansinghage.Id)], now);
        await AccountAsync("politie@zoetermeer.demo", "Wijkagent Paul Politie", zoetermeer.Id, police.Id, VettingLevel.Vetted, [(Roles.Police, null)], now);
        await AccountAsync("oov@pijnacker.demo", "Pieter Pijnacker (OOV)", pijnacker.Id, oovPijnacker.Id, VettingLevel.Vetted, [(Roles.Oov, null), (Roles.Signals, null)], now);
        Signals.SignalsDemoData.Add(db, zoetermeer.Id, estates, now);
        await db.SaveChangesAsync(ct);
        await new Noticeboards.NoticeboardsDemoData(db, new Noticeboards.BoardDirectory(db, clock), clock).SeedAsync(ct);
        await Meetings.MeetingsDemoData.SeedAsync(db, now, ct);
        await Awareness.LibrarySeeder.SeedAsync(db, clock, ct);
        await Watch.WatchDemoData.SeedAsync(db, now, ct);
        await Vetting.VettingDemoData.SeedAsync(db, now, new Vetting.VettingOptions().ValidFor, ct);
        log.LogInformation("Demo data loaded: tenants Zoetermeer and Pijnacker-Nootdorp, {Estates} estates", estates.Count + 1);
    }

    private async Task<Guid?> FirstOccupantAsync(Guid estateId, int skip, CancellationToken ct)
        => await db.Units.Where(u => u.EstateId == estateId && u.OccupantOrganisationId != null)
            .OrderBy(u => u.BagId).Skip(skip).Select(u => u.OccupantOrganisationId).FirstAsync(ct);

    private Organisation Department(Guid tenantId, string name, Department department, DateTimeOffset now)
    {
        var organisation = new Organisation { TenantId = tenantId, Kind = OrganisationKind.MunicipalDepartment, Department = department, Name = name, CreatedAt = now };
        db.Organisations.Add(organisation);
        return organisation;
    }

    private async Task AccountAsync(string email, string name, Guid? tenantId, Guid? organisationId, VettingLevel vetting, (string Role, Guid? Estate)[] roles, DateTimeOffset now)
    {
        var member = new Member
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            TenantId = tenantId,
            OrganisationId = organisationId,
            VettingLevel = vetting,
            VettedSince = vetting == VettingLevel.Vetted ? now : null,
            CreatedAt = now,
            PhoneNumber = "06-" + (12345678 + Math.Abs(email.GetHashCode(StringComparison.Ordinal) % 1000)).ToString(CultureInfo.InvariantCulture),
        };
        var created = await users.CreateAsync(member, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        foreach (var (role, estate) in roles)
        {
            db.RoleAssignments.Add(new RoleAssignment { TenantId = tenantId, MemberId = member.Id, Role = role, EstateId = estate, AssignedAt = now });
        }
    }

    private static Estate NewEstate(Guid tenantId, string name, string slug, double lat, double lon, DateTimeOffset now)
    {
        // An irregular hexagon of roughly 900 × 700 m around the centre.
        double dLat = 0.0032, dLon = 0.0065;
        double[][] ring =
        [
            [lon - dLon, lat - dLat * 0.6], [lon - dLon * 0.2, lat - dLat], [lon + dLon, lat - dLat * 0.7],
            [lon + dLon * 0.9, lat + dLat * 0.8], [lon - dLon * 0.1, lat + dLat], [lon - dLon * 0.95, lat + dLat * 0.5],
            [lon - dLon, lat - dLat * 0.6],
        ];
        var outline = JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { ring.Select(p => new[] { Math.Round(p[0], 6), Math.Round(p[1], 6) }).ToArray() } });
        return new Estate { TenantId = tenantId, Name = name, Slug = slug, OutlineGeoJson = outline, CreatedAt = now };
    }

    private void AddUnits(Guid tenantId, Estate estate, string city, string postalPrefix, double lat, double lon, int count, Random random, ref int kvk, ref long bag, DateTimeOffset now, double occupiedShare)
    {
        for (var i = 0; i < count; i++)
        {
            var street = Streets[(i / 8 + estate.Name.Length) % Streets.Length];
            var number = (i % 8 * 2 + 1 + i / 80 * 100).ToString(CultureInfo.InvariantCulture);
            var row = i / 8;
            var col = i % 8;
            var unit = new EstateUnit
            {
                TenantId = tenantId,
                EstateId = estate.Id,
                BagId = (bag++).ToString("D16", CultureInfo.InvariantCulture),
                Street = street,
                HouseNumber = number,
                PostalCode = $"{postalPrefix}{random.Next(10, 99)} {(char)('A' + random.Next(0, 26))}{(char)('A' + random.Next(0, 26))}",
                City = city,
                Latitude = Math.Round(lat - 0.0018 + row * 0.0006, 6),
                Longitude = Math.Round(lon - 0.0040 + col * 0.0011, 6),
                OwnerName = $"Vastgoed {Names[random.Next(Names.Length)]} B.V.",
                CreatedAt = now,
            };
            if (random.NextDouble() < occupiedShare || i < 4)
            {
                var branch = Branches[random.Next(Branches.Length)];
                var k = kvk++;
                var business = new Organisation
                {
                    TenantId = tenantId,
                    Kind = OrganisationKind.Business,
                    Name = $"{branch.Noun} {Names[random.Next(Names.Length)]} {estate.Name} B.V.",
                    KvkNumber = k.ToString("D8", CultureInfo.InvariantCulture),
                    BranchNumber = (100_000_000_000L + k).ToString("D12", CultureInfo.InvariantCulture),
                    SbiCode = branch.Sbi,
                    Activity = branch.Activity,
                    Email = $"info@{branch.Noun.ToLowerInvariant()}-{k}.demo",
                    Phone = $"079-{random.Next(1000000, 9999999)}",
                    CreatedAt = now,
                };
                db.Organisations.Add(business);
                unit.OccupantOrganisationId = business.Id;
            }

            db.Units.Add(unit);
        }
    }
}
