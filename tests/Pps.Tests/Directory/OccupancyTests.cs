using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Vetting;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.DirectoryListing;

public abstract class OccupancyTests(PpsApp app)
{
    private static string Bag() => "8" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    private static string Kvk() => Random.Shared.Next(80_000_000, 89_999_999).ToString(CultureInfo.InvariantCulture);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_board_member_registers_a_new_occupant_who_is_invited_to_onboard()
    {
        var b = await app.NewBusinessAsync();
        var kvk = Kvk();
        var invitee = $"nieuw-{kvk}@test.demo";
        var response = await (await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo")).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", new
        {
            vacant = false, businessName = $"Opvolger {kvk} B.V.", kvkNumber = kvk, branchNumber = "0000" + kvk, contactEmail = invitee,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var unit = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == b.UnitId));
        var occupant = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == unit.OccupantOrganisationId));
        Assert.Equal("0000" + kvk, occupant.BranchNumber);
        await app.RunJobAsync<SendQueuedEmailJob>();
        Assert.Contains("/Onboarding", Assert.Single(app.Smtp.To(invitee)).TextBody, StringComparison.Ordinal);

        var vacant = await (await app.ClientForAsync("ez@zoetermeer.demo")).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", new { vacant = true });
        Assert.Equal(HttpStatusCode.OK, vacant.StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == b.UnitId))).OccupantOrganisationId);
    }

    [Fact]
    public async Task Others_cannot_change_an_occupant_and_bad_numbers_are_a_400()
    {
        var b = await app.NewBusinessAsync();
        var body = new { vacant = true };
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", body)).StatusCode);
        var otherBoard = await app.CreateMemberAsync("zoetermeer", Pps.Web.Features.Members.VettingLevel.Vetted, (Pps.Web.Infrastructure.Auth.Roles.Board, "rokkeveen"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(otherBoard)).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("oov@pijnacker.demo")).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", body)).StatusCode);
        var bad = await (await app.ClientForAsync("ez@zoetermeer.demo")).PutAsJsonAsync($"/api/units/{b.UnitId}/occupant", new { vacant = false, businessName = "X", kvkNumber = "123", branchNumber = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == b.UnitId))).OccupantOrganisationId);
    }

    [Fact]
    public async Task A_preview_reports_every_row_with_its_line_number_and_stores_nothing()
    {
        var (good, bad) = (Bag(), Bag());
        var kvk = Kvk();
        var csv = "estate;bagId;street;houseNumber;postalCode;city;latitude;longitude;ownerName;businessName;kvkNumber;branchNumber;sbiCode;activity;email\n"
            + $"lansinghage;{good};Importweg;1;2718 AA;Zoetermeer;52.04;4.46;Vastgoed B.V.;Import {kvk} B.V.;{kvk};0000{kvk};4941;Vervoer;info@import.demo\n"
            + $"lansinghage;{bad};Importweg;3;27 AA;Zoetermeer;north;4.46;;;123;;;;\n"
            + $"nowhere;{Bag()};Importweg;5;2718 AA;Zoetermeer;52.04;4.46;;;;;;;\n";
        var response = await (await app.ClientForAsync("ez@zoetermeer.demo")).PostAsync("/api/imports/units?preview=true", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], lines.Select(l => l.GetProperty("line").GetInt32()).ToArray());
        Assert.Empty(lines[0].GetProperty("errors").EnumerateArray());
        var errors = lines[1].GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("postalCode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("latitude", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("kvkNumber", StringComparison.Ordinal));
        Assert.Contains(lines[2].GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("estate", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.BagId == good)));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_changes_nothing_and_names_the_line()
    {
        var (first, second) = (Bag(), Bag());
        var kvk = Kvk();
        var csv = "estate,bagId,street,houseNumber,postalCode,city,latitude,longitude,businessName,kvkNumber,branchNumber\n"
            + $"rokkeveen,{first},Importweg,1,2718 AA,Zoetermeer,52.04,4.48,Import {kvk} B.V.,{kvk},0000{kvk}\n"
            + $"rokkeveen,{second},Importweg,3,2718 AA,Zoetermeer,52.04,4.48,,,\n"
            + $"rokkeveen,{first},Importweg,5,2718 AA,Zoetermeer,52.04,4.48,,,\n";
        var response = await (await app.ClientForAsync("ez@zoetermeer.demo")).PostAsync("/api/imports/units", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("line 4", out _), problem.ToString());
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.BagId == first || u.BagId == second)));
        Assert.False(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.KvkNumber == kvk)));
    }

    [Fact]
    public async Task A_good_file_is_imported_in_one_go_with_its_businesses()
    {
        var (first, second) = (Bag(), Bag());
        var kvk = Kvk();
        var csv = "estate,bagId,street,houseNumber,postalCode,city,latitude,longitude,businessName,kvkNumber,branchNumber,sbiCode,activity\n"
            + $"bleizo,{first},Importweg,1,2718 AA,Zoetermeer,52.044,4.525,Import {kvk} B.V.,{kvk},0000{kvk},4941,Vervoer\n"
            + $"bleizo,{second},Importweg,3,2718AA,Zoetermeer,52.044,4.526,,,,,\n";
        var response = await (await app.ClientForAsync("oov@zoetermeer.demo")).PostAsync("/api/imports/units", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var units = await app.WithDbAsync(db => db.Units.Where(u => u.BagId == first || u.BagId == second).ToListAsync());
        Assert.Equal(2, units.Count);
        Assert.Single(units, u => u.OccupantOrganisationId != null);
        Assert.True(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.KvkNumber == kvk && o.BranchNumber == "0000" + kvk)));
    }

    [Fact]
    public async Task Imports_are_refused_to_members_and_unreadable_files_are_a_400()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo")).PostAsync("/api/imports/units", Csv("estate,bagId\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ro@zoetermeer.demo")).PostAsync("/api/imports/units", Csv("estate,bagId\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync("/api/imports/units", Csv("estate,bagId\n"))).StatusCode);
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await ez.PostAsync("/api/imports/units", Csv(""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ez.PostAsync("/api/imports/units", Csv("just some text\nwithout a header"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ez.PostAsync("/api/imports/units", Csv("estate,bagId\n\"unterminated,1\n"))).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class OccupancyTestsOnSqlite(SqliteApp app) : OccupancyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class OccupancyTestsOnPostgres(PostgresApp app) : OccupancyTests(app);
