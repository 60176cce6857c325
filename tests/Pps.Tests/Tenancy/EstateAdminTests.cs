using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Tenancy;

public abstract class EstateAdminTests(PpsApp app)
{
    private async Task<Guid> TenantIdAsync(string slug) => await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task An_OOV_creates_an_estate_in_their_own_tenant_from_a_GeoJSON_object()
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var slug = Admin.UniqueSlug("estate");
        var response = await client.PostAsJsonAsync("/api/estates", new { name = "Nieuw Terrein", slug, outline = Admin.Square() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var zoetermeer = await TenantIdAsync("zoetermeer");
        var estate = await app.WithDbAsync(db => db.Estates.SingleAsync(e => e.Id == id));
        Assert.Equal(zoetermeer, estate.TenantId);
        Assert.StartsWith("{\"type\":\"Polygon\"", estate.OutlineGeoJson, StringComparison.Ordinal);

        // Members of the tenant see it at once; the estate is theirs.
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/estates/{id}");
        Assert.Equal("Nieuw Terrein", detail.GetProperty("name").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "estate.created" && a.Object == $"estate:{id}" && a.TenantId == zoetermeer)));
    }

    [Fact]
    public async Task An_outline_pasted_as_text_in_a_Feature_is_accepted()
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var text = JsonSerializer.Serialize(new { type = "Feature", properties = new { }, geometry = Admin.Square(4.5, 52.05) });
        var response = await client.PostAsJsonAsync("/api/estates", new { name = "Geplakt", slug = Admin.UniqueSlug("pasted"), outline = text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_platform_administrator_creates_an_estate_for_a_chosen_tenant_and_must_choose_one()
    {
        var client = await app.ClientForAsync(Admin.Platform);
        var pijnacker = await TenantIdAsync("pijnacker-nootdorp");
        var slug = Admin.UniqueSlug("delfgauw");
        var response = await client.PostAsJsonAsync("/api/estates", new { tenantId = pijnacker, name = "Delfgauw", slug, outline = Admin.Square(4.39, 52.0) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Estates.AnyAsync(e => e.Slug == slug && e.TenantId == pijnacker)));

        var without = await client.PostAsJsonAsync("/api/estates", new { name = "Nergens", slug = Admin.UniqueSlug("nowhere"), outline = Admin.Square() });
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(without), "tenantId");
    }

    [Fact]
    public async Task An_OOV_cannot_create_an_estate_in_another_tenant()
    {
        var client = await app.ClientForAsync(Admin.OovPijnacker);
        var zoetermeer = await TenantIdAsync("zoetermeer");
        var slug = Admin.UniqueSlug("inbreker");
        var response = await client.PostAsJsonAsync("/api/estates", new { tenantId = zoetermeer, name = "Inbraak", slug, outline = Admin.Square() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), "tenantId");
        Assert.False(await app.WithDbAsync(db => db.Estates.AnyAsync(e => e.Slug == slug)));
    }

    public static TheoryData<object?> BadOutlines() => new()
    {
        null,
        "not json",
        new { type = "Point", coordinates = new[] { 4.46, 52.04 } },
        new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.0, 0.0 }, new[] { 1.0, 1.0 }, new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.0, 0.0 } } } },
        new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.46, 52.04 }, new[] { 4.47, 52.04 }, new[] { 4.47, 52.05 }, new[] { 4.46, 52.05 } } } },
        new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.46, 52.04 }, new[] { 190.0, 52.04 }, new[] { 4.47, 52.05 }, new[] { 4.46, 52.04 } } } },
        "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', Enumerable.Repeat("[4.460000000001,52.040000000001]", 7000)) + "]]}",
    };

    [Theory]
    [MemberData(nameof(BadOutlines))]
    public async Task A_bad_outline_is_a_400_naming_outline_and_stores_nothing(object? outline)
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var slug = Admin.UniqueSlug("bad");
        var response = await client.PostAsJsonAsync("/api/estates", new { name = "Slecht", slug, outline });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), "outline");
        Assert.False(await app.WithDbAsync(db => db.Estates.AnyAsync(e => e.Slug == slug)));
    }

    [Theory]
    [InlineData("", "ok", "name")]
    [InlineData("Naam", "Geen Slug!", "slug")]
    [InlineData("Naam", "lansinghage", "slug")]
    public async Task A_bad_or_taken_name_or_slug_is_a_400_naming_the_field(string name, string slug, string field)
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var response = await client.PostAsJsonAsync("/api/estates", new { name, slug, outline = Admin.Square() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), field);
    }

    [Fact]
    public async Task A_malformed_request_body_is_a_400_and_stores_nothing()
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var before = await app.WithDbAsync(db => db.Estates.CountAsync());
        using var body = new StringContent("{\"name\":\"x\",\"tenantId\":\"not-a-guid\"", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/estates", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Estates.CountAsync()));
    }

    [Fact]
    public async Task An_OOV_renames_an_estate_and_replaces_its_outline()
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var create = await client.PostAsJsonAsync("/api/estates", new { name = "Oud", slug = Admin.UniqueSlug("edit"), outline = Admin.Square() });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var renamed = await client.PutAsJsonAsync($"/api/estates/{id}", new { name = "Nieuw" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var outlineBefore = await app.WithDbAsync(db => db.Estates.Where(e => e.Id == id).Select(e => e.OutlineGeoJson).SingleAsync());

        var moved = await client.PutAsJsonAsync($"/api/estates/{id}", new { name = "Nieuw", outline = Admin.Square(4.6, 52.1) });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var estate = await app.WithDbAsync(db => db.Estates.SingleAsync(e => e.Id == id));
        Assert.Equal("Nieuw", estate.Name);
        Assert.NotEqual(outlineBefore, estate.OutlineGeoJson);
        Assert.Contains("4.6", estate.OutlineGeoJson, StringComparison.Ordinal);

        var broken = await client.PutAsJsonAsync($"/api/estates/{id}", new { name = "Nieuw", outline = new { type = "Point", coordinates = new[] { 1.0, 2.0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(broken), "outline");
        Assert.Equal(estate.OutlineGeoJson, await app.WithDbAsync(db => db.Estates.Where(e => e.Id == id).Select(e => e.OutlineGeoJson).SingleAsync()));
    }

    [Fact]
    public async Task The_other_tenants_OOV_gets_404_when_editing_an_estate()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var client = await app.ClientForAsync(Admin.OovPijnacker);
        var response = await client.PutAsJsonAsync($"/api/estates/{lansinghage}", new { name = "Overgenomen" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Lansinghage", await app.WithDbAsync(db => db.Estates.Where(e => e.Id == lansinghage).Select(e => e.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_entrepreneur_may_not_create_or_edit_estates_and_anonymous_gets_401()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var client = await app.ClientForAsync(Admin.Entrepreneur);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/estates", new { name = "x", slug = "x", outline = Admin.Square() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/estates/{lansinghage}", new { name = "x" })).StatusCode);
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/estates", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/estates/{lansinghage}", new { name = "x" })).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class EstateAdminTestsOnSqlite(SqliteApp app) : EstateAdminTests(app);

[Collection(PostgresApp.Collection)]
public sealed class EstateAdminTestsOnPostgres(PostgresApp app) : EstateAdminTests(app);
