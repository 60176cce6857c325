using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Watch;

public abstract class CameraTests(PpsApp app)
{
    private const string Owner = "ondernemer.lansinghage@zoetermeer.demo";
    private const string OtherBusiness = "bestuur.lansinghage@zoetermeer.demo";

    private Task<Guid> UnitOfAsync(string email) => app.WithDbAsync(db =>
        db.Units.Where(u => u.OccupantOrganisationId == db.Members.Where(m => m.Email == email).Select(m => m.OrganisationId).Single())
            .Select(u => u.Id).FirstAsync());

    private static object Body(Guid unitId, string covers, int retention = 28, int direction = 90)
        => new { unitId, longitude = 4.49, latitude = 52.06, directionDegrees = direction, covers, retentionDays = retention, contact = "Beveiliging, 079-1234567" };

    private async Task<Guid> RegisterAsync(string covers)
    {
        var response = await (await app.ClientForAsync(Owner)).PostAsJsonAsync("/api/watch/cameras", Body(await UnitOfAsync(Owner), covers));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement[]> RegisterAsSeenByAsync(string email)
    {
        var response = await (await app.ClientForAsync(email)).GetAsync("/api/watch/cameras");
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement[]>())! : [];
    }

    [Fact]
    public async Task A_business_registers_a_camera_that_only_staff_and_police_see()
    {
        var covers = "Toegangsweg en parkeerplaats " + Guid.NewGuid().ToString("N")[..8];
        var id = await RegisterAsync(covers);

        Assert.Contains(await RegisterAsSeenByAsync("politie@zoetermeer.demo"), c => c.GetProperty("id").GetGuid() == id && c.GetProperty("retentionDays").GetInt32() == 28);
        Assert.Contains(await RegisterAsSeenByAsync("ez@zoetermeer.demo"), c => c.GetProperty("id").GetGuid() == id);
        Assert.Contains(await RegisterAsSeenByAsync("oov@zoetermeer.demo"), c => c.GetProperty("id").GetGuid() == id);

        foreach (var outsider in new[] { OtherBusiness, "ondernemer.rokkeveen@zoetermeer.demo", Owner })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(outsider)).GetAsync("/api/watch/cameras")).StatusCode);
        }

        Assert.DoesNotContain(await RegisterAsSeenByAsync("oov@pijnacker.demo"), c => c.GetProperty("id").GetGuid() == id);
        var mine = await (await app.ClientForAsync(Owner)).GetFromJsonAsync<JsonElement[]>("/api/watch/cameras?mine=true");
        Assert.Contains(mine!, c => c.GetProperty("id").GetGuid() == id);
        var theirs = await (await app.ClientForAsync(OtherBusiness)).GetFromJsonAsync<JsonElement[]>("/api/watch/cameras?mine=true");
        Assert.DoesNotContain(theirs!, c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/watch/cameras")).StatusCode);
    }

    [Fact]
    public async Task The_owner_updates_and_withdraws_a_camera_and_another_business_gets_404()
    {
        var id = await RegisterAsync("Laadperron");
        var unit = await UnitOfAsync(Owner);
        var other = await app.ClientForAsync(OtherBusiness);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/watch/cameras/{id}", Body(unit, "Overgenomen"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/watch/cameras/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("politie@zoetermeer.demo")).PutAsJsonAsync($"/api/watch/cameras/{id}", Body(unit, "Politie"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("oov@pijnacker.demo")).DeleteAsync($"/api/watch/cameras/{id}")).StatusCode);

        var owner = await app.ClientForAsync(Owner);
        var updated = await owner.PutAsJsonAsync($"/api/watch/cameras/{id}", Body(unit, "Laadperron en inrit", retention: 14, direction: 270));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var camera = await app.WithDbAsync(db => db.Cameras.SingleAsync(c => c.Id == id));
        Assert.Equal(("Laadperron en inrit", 14, 270), (camera.Covers, camera.RetentionDays, camera.DirectionDegrees));

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync($"/api/watch/cameras/{id}")).StatusCode);
        Assert.DoesNotContain(await RegisterAsSeenByAsync("politie@zoetermeer.demo"), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/watch/cameras/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_camera_on_a_unit_the_business_does_not_occupy_or_with_bad_values_is_refused_with_400()
    {
        var owner = await app.ClientForAsync(Owner);
        var foreignUnit = await UnitOfAsync(OtherBusiness);
        var body = await owner.PostAsJsonAsync("/api/watch/cameras", Body(foreignUnit, "Niet van mij"));
        Assert.Equal(HttpStatusCode.BadRequest, body.StatusCode);
        Assert.Contains("unitId", await body.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var unit = await UnitOfAsync(Owner);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync("/api/watch/cameras", Body(unit, "x", direction: 360))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync("/api/watch/cameras", Body(unit, "x", retention: 0))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync("/api/watch/cameras", Body(unit, ""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientForAsync("politie@zoetermeer.demo")).PostAsJsonAsync("/api/watch/cameras", Body(unit, "Politie"))).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class CameraTestsOnSqlite(SqliteApp app) : CameraTests(app);

[Collection(PostgresApp.Collection)]
public sealed class CameraTestsOnPostgres(PostgresApp app) : CameraTests(app);
