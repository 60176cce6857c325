using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Tenancy;

public abstract class TenancyTests(PpsApp app)
{
    [Fact]
    public async Task Estates_of_the_callers_tenant_are_listed_with_id_and_name()
    {
        var client = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var estates = await client.GetFromJsonAsync<JsonElement[]>("/api/estates");
        var names = estates!.Select(e => e.GetProperty("name").GetString()).ToArray();
        Assert.Superset(new HashSet<string?> { "Lansinghage", "Rokkeveen", "Zoeterhage", "Hoornwijck", "Bleizo" }, names.ToHashSet());
        Assert.All(estates!, e => Assert.True(e.TryGetProperty("id", out _)));
    }

    [Fact]
    public async Task The_other_tenant_sees_none_of_Zoetermeers_estates_units_or_members()
    {
        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");
        var estates = await pijnacker.GetFromJsonAsync<JsonElement[]>("/api/estates");
        Assert.DoesNotContain(estates!, e => e.GetProperty("name").GetString() == "Lansinghage");
        Assert.Contains(estates!, e => e.GetProperty("name").GetString() == "Boezem-Oost");

        // Guessing: the id of a Zoetermeer estate is simply not found.
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var response = await pijnacker.GetAsync($"/api/estates/{lansinghage}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // Units and members are filtered by the same tenant filter.
        var counts = await app.WithDbAsync(async db =>
        {
            var zoetermeerTenant = db.Tenants.Single(t => t.Slug == "pijnacker-nootdorp").Id;
            await Task.CompletedTask;
            return zoetermeerTenant;
        });
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<Pps.Web.Infrastructure.Data.ITenantContext>();
        tenant.Use(counts);
        var db = scope.ServiceProvider.GetRequiredService<Pps.Web.Infrastructure.Data.PpsDb>();
        Assert.DoesNotContain(db.Units, u => u.City == "Zoetermeer");
        Assert.DoesNotContain(db.Members, m => m.Email!.EndsWith("@zoetermeer.demo"));
        Assert.DoesNotContain(db.Organisations, o => o.Name.Contains("Zoetermeer"));
        Assert.NotEmpty(db.Units);
    }

    [Fact]
    public async Task Me_returns_member_organisation_roles_and_estates()
    {
        var client = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("bestuur.lansinghage@zoetermeer.demo", me.GetProperty("email").GetString());
        Assert.Equal("Zoetermeer", me.GetProperty("tenantName").GetString());
        Assert.Contains(me.GetProperty("estates").EnumerateArray(), e => e.GetProperty("name").GetString() == "Lansinghage" && e.GetProperty("role").GetString() == "board");
        Assert.Equal(JsonValueKind.Object, me.GetProperty("organisation").ValueKind);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api()
    {
        var response = await app.AnonymousClient().GetAsync("/api/estates");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("1234567", "123456789012", "kvkNumber")]
    [InlineData("1234567a", "123456789012", "kvkNumber")]
    [InlineData("12345678", "12345678901", "branchNumber")]
    public async Task A_bad_KvK_or_branch_number_is_a_400_naming_the_field(string kvk, string branch, string field)
    {
        var client = await app.ClientForAsync("oov@zoetermeer.demo");
        var response = await client.PostAsJsonAsync("/api/organisations", new { kind = "business", name = "Bad Numbers B.V.", kvkNumber = kvk, branchNumber = branch });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_bad_BAG_id_is_a_400_naming_the_field_and_stores_nothing()
    {
        var client = await app.ClientForAsync("oov@zoetermeer.demo");
        var estate = await app.EstateIdAsync("lansinghage");
        var before = await app.WithDbAsync(db => Task.FromResult(db.Units.Count()));
        var response = await client.PostAsJsonAsync("/api/units", new
        {
            estateId = estate, bagId = "12345", street = "Teststraat", houseNumber = "1", postalCode = "2718 AB", city = "Zoetermeer", longitude = 4.46, latitude = 52.04,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("bagId", out _), problem.ToString());
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Units.Count())));
    }

    [Fact]
    public async Task A_valid_unit_is_created_in_the_callers_tenant()
    {
        var client = await app.ClientForAsync("oov@zoetermeer.demo");
        var estate = await app.EstateIdAsync("rokkeveen");
        var bag = "0" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsJsonAsync("/api/units", new
        {
            estateId = estate, bagId = bag, street = "Teststraat", houseNumber = "7", postalCode = "2718 AB", city = "Zoetermeer", longitude = 4.48, latitude = 52.045,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Units.Any(u => u.BagId == bag && u.EstateId == estate))));
    }

    [Fact]
    public async Task An_entrepreneur_may_not_create_units()
    {
        var client = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var response = await client.PostAsJsonAsync("/api/units", new { estateId = Guid.NewGuid(), bagId = "1234567890123456" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_estate_of_another_tenant_cannot_receive_units()
    {
        var client = await app.ClientForAsync("oov@pijnacker.demo");
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var response = await client.PostAsJsonAsync("/api/units", new
        {
            estateId = lansinghage, bagId = "0999999999999991", street = "Teststraat", houseNumber = "1", postalCode = "2718 AB", city = "Zoetermeer", longitude = 4.46, latitude = 52.04,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("estateId", out _));
    }

    [Fact]
    public async Task An_anonymous_SignalR_connection_is_refused()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/live"), o => o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler())
            .Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authenticated_member_connects_to_the_live_hub()
    {
        await using var connection = await app.ConnectLiveAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Ready_health_check_reports_the_database()
    {
        var response = await app.AnonymousClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class TenancyTestsOnSqlite(SqliteApp app) : TenancyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class TenancyTestsOnPostgres(PostgresApp app) : TenancyTests(app);
