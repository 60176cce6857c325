using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Tenancy;

namespace Pps.Tests.Tenancy;

public abstract class OrganisationAdminTests(PpsApp app)
{
    private static object Business(string name, string kvk) => new { kind = "business", name, kvkNumber = kvk, branchNumber = "0000" + kvk };

    private static string UniqueKvk() => Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/organisations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Organisations_are_listed_by_kind_and_found_by_name_or_KvK_a_page_at_a_time()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var marker = Guid.NewGuid().ToString("N")[..10];
        var kvk = UniqueKvk();
        var id = await CreateAsync(oov, Business($"Zoekbaar {marker} B.V.", kvk));

        var byName = await oov.GetFromJsonAsync<JsonElement>($"/api/organisations?q={marker.ToUpperInvariant()}");
        Assert.Equal(id, Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byKvk = await oov.GetFromJsonAsync<JsonElement>($"/api/organisations?q={kvk}");
        Assert.Contains(byKvk.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        var departments = await oov.GetFromJsonAsync<JsonElement>("/api/organisations?kind=municipalDepartment");
        Assert.NotEmpty(departments.GetProperty("items").EnumerateArray());
        Assert.All(departments.GetProperty("items").EnumerateArray(), o => Assert.Equal("municipalDepartment", o.GetProperty("kind").GetString()));

        var page = await oov.GetFromJsonAsync<JsonElement>("/api/organisations?kind=business&pageSize=10&page=2");
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() > 100);
        Assert.Equal(2, page.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task The_list_never_shows_another_tenants_organisations()
    {
        var pijnacker = await app.ClientForAsync(Admin.OovPijnacker);
        var all = await pijnacker.GetFromJsonAsync<JsonElement>("/api/organisations?q=zoetermeer&pageSize=100");
        Assert.Empty(all.GetProperty("items").EnumerateArray());
        var lansinghage = await pijnacker.GetFromJsonAsync<JsonElement>("/api/organisations?q=lansinghage&pageSize=100");
        Assert.Empty(lansinghage.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("kind=shop", "kind")]
    [InlineData("kind=7", "kind")]
    public async Task A_bad_filter_or_page_size_is_a_400_naming_the_field(string query, string field)
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var response = await oov.GetAsync($"/api/organisations?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), field);
    }

    [Fact]
    public async Task The_platform_administrator_lists_a_chosen_tenants_organisations()
    {
        var admin = await app.ClientForAsync(Admin.Platform);
        var without = await admin.GetAsync("/api/organisations");
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(without), "tenantId");

        var pijnacker = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "pijnacker-nootdorp").Select(t => t.Id).SingleAsync());
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/organisations?tenantId={pijnacker}&pageSize=100");
        Assert.NotEmpty(list.GetProperty("items").EnumerateArray());
        Assert.All(list.GetProperty("items").EnumerateArray(), o => Assert.Equal(pijnacker, o.GetProperty("tenantId").GetGuid()));
    }

    [Fact]
    public async Task An_OOV_edits_an_organisation_and_bad_input_changes_nothing()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var kvk = UniqueKvk();
        var id = await CreateAsync(oov, Business("Voor B.V.", kvk));

        var response = await oov.PutAsJsonAsync($"/api/organisations/{id}", new { kind = "business", name = "Na B.V.", kvkNumber = kvk, branchNumber = "0000" + kvk, email = "info@na.demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == id));
        Assert.Equal("Na B.V.", saved.Name);
        Assert.Equal("info@na.demo", saved.Email);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "organisation.updated" && a.Object == $"organisation:{id}")));

        var bad = await oov.PutAsJsonAsync($"/api/organisations/{id}", new { kind = "business", name = "Kapot B.V.", kvkNumber = "123", branchNumber = "0000" + kvk });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(bad), "kvkNumber");
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var foreignEstate = await oov.PutAsJsonAsync($"/api/organisations/{id}", new { kind = "association", name = "Kapot", estateId = boezem });
        Assert.Equal(HttpStatusCode.BadRequest, foreignEstate.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(foreignEstate), "estateId");
        var after = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Id == id));
        Assert.Equal("Na B.V.", after.Name);
        Assert.Equal(OrganisationKind.Business, after.Kind);
    }

    [Fact]
    public async Task The_other_tenants_OOV_gets_404_when_editing_and_an_entrepreneur_403_and_anonymous_401()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var kvk = UniqueKvk();
        var id = await CreateAsync(oov, Business("Van Zoetermeer B.V.", kvk));
        var body = new { kind = "business", name = "Gekaapt B.V.", kvkNumber = kvk, branchNumber = "0000" + kvk };

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Admin.OovPijnacker)).PutAsJsonAsync($"/api/organisations/{id}", body)).StatusCode);
        var entrepreneur = await app.ClientForAsync(Admin.Entrepreneur);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PutAsJsonAsync($"/api/organisations/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.GetAsync("/api/organisations")).StatusCode);
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/organisations/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/organisations")).StatusCode);
        Assert.Equal("Van Zoetermeer B.V.", await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_platform_administrator_creates_an_organisation_in_a_chosen_tenant()
    {
        var admin = await app.ClientForAsync(Admin.Platform);
        var pijnacker = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "pijnacker-nootdorp").Select(t => t.Id).SingleAsync());
        var response = await admin.PostAsJsonAsync("/api/organisations", new { kind = "partner", partnerKind = "fireService", name = "Brandweer Haaglanden", tenantId = pijnacker });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(pijnacker, await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.TenantId).SingleAsync()));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class OrganisationAdminTestsOnSqlite(SqliteApp app) : OrganisationAdminTests(app);

[Collection(PostgresApp.Collection)]
public sealed class OrganisationAdminTestsOnPostgres(PostgresApp app) : OrganisationAdminTests(app);
