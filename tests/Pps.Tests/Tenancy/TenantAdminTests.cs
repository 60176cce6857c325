using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Tenancy;

public abstract class TenantAdminTests(PpsApp app)
{
    [Fact]
    public async Task The_platform_administrator_lists_every_tenant_with_counts()
    {
        var client = await app.ClientForAsync(Admin.Platform);
        var tenants = await client.GetFromJsonAsync<JsonElement[]>("/api/admin/tenants");
        var zoetermeer = Assert.Single(tenants!, t => t.GetProperty("slug").GetString() == "zoetermeer");
        Assert.True(zoetermeer.GetProperty("estates").GetInt32() >= 5);
        Assert.True(zoetermeer.GetProperty("members").GetInt32() >= 8);
        Assert.Contains(tenants!, t => t.GetProperty("slug").GetString() == "pijnacker-nootdorp");
    }

    [Fact]
    public async Task The_platform_administrator_creates_a_tenant_and_it_is_audited()
    {
        var client = await app.ClientForAsync(Admin.Platform);
        var slug = Admin.UniqueSlug("gemeente");
        var response = await client.PostAsJsonAsync("/api/admin/tenants", new { name = "Gemeente Test", slug });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.True(await app.WithDbAsync(db => db.Tenants.AnyAsync(t => t.Id == id && t.Slug == slug && t.Name == "Gemeente Test")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "tenant.created" && a.Object == $"tenant:{id}" && a.Actor == Admin.Platform)));
    }

    [Theory]
    [InlineData("", "ok-slug", "name")]
    [InlineData("Gemeente", "Not A Slug", "slug")]
    [InlineData("Gemeente", "", "slug")]
    [InlineData("Gemeente", "zoetermeer", "slug")]
    public async Task A_bad_or_taken_name_or_slug_is_a_400_naming_the_field_and_stores_nothing(string name, string slug, string field)
    {
        var client = await app.ClientForAsync(Admin.Platform);
        var before = await app.WithDbAsync(db => db.Tenants.CountAsync());
        var response = await client.PostAsJsonAsync("/api/admin/tenants", new { name, slug });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), field);
        Assert.Equal(before, await app.WithDbAsync(db => db.Tenants.CountAsync()));
    }

    [Theory]
    [InlineData(Admin.OovZoetermeer)]
    [InlineData(Admin.OovPijnacker)]
    [InlineData(Admin.Entrepreneur)]
    public async Task Nobody_but_the_platform_administrator_lists_or_creates_tenants(string email)
    {
        var client = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        var response = await client.PostAsJsonAsync("/api/admin/tenants", new { name = "Sneaky", slug = Admin.UniqueSlug("sneaky") });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Tenants.AnyAsync(t => t.Name == "Sneaky")));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_tenant_api()
    {
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/admin/tenants", new { name = "x", slug = "x" })).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class TenantAdminTestsOnSqlite(SqliteApp app) : TenantAdminTests(app);

[Collection(PostgresApp.Collection)]
public sealed class TenantAdminTestsOnPostgres(PostgresApp app) : TenantAdminTests(app);
