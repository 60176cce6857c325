using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Tests.Audit;

public abstract class AuditViewerTests(PpsApp app)
{
    private const string OovZoetermeer = "oov@zoetermeer.demo";
    private const string OovPijnacker = "oov@pijnacker.demo";

    /// <summary>Writes entries with a unique action prefix into both demo tenants and one platform-wide entry.</summary>
    private async Task<string> SeedAsync(int perTenant = 3, string? actor = null, string? detail = null)
    {
        var prefix = $"test{Guid.NewGuid():N}"[..16];
        await app.WithDbAsync(async db =>
        {
            var tenants = await db.Tenants.Where(t => t.Slug == "zoetermeer" || t.Slug == "pijnacker-nootdorp").ToDictionaryAsync(t => t.Slug, t => t.Id);
            var at = app.Clock.GetUtcNow();
            for (var i = 0; i < perTenant; i++)
            {
                db.AuditEntries.Add(new AuditEntry { TenantId = tenants["zoetermeer"], Actor = actor ?? "z@zoetermeer.demo", Action = $"{prefix}.zoetermeer", Object = $"thing:{i}", At = at.AddMinutes(i), Detail = detail });
                db.AuditEntries.Add(new AuditEntry { TenantId = tenants["pijnacker-nootdorp"], Actor = "p@pijnacker.demo", Action = $"{prefix}.pijnacker", Object = $"thing:{i}", At = at.AddMinutes(i) });
            }

            db.AuditEntries.Add(new AuditEntry { TenantId = null, Actor = "system", Action = $"{prefix}.platform", At = at });
            await db.SaveChangesAsync();
        });
        return prefix;
    }

    [Fact]
    public async Task The_OOV_of_Zoetermeer_sees_its_entries_newest_first_and_none_of_Pijnackers()
    {
        var prefix = await SeedAsync();
        var client = await app.ClientForAsync(OovZoetermeer);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&pageSize=200");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, e => Assert.Equal($"{prefix}.zoetermeer", e.GetProperty("action").GetString()));
        var times = items.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        // Nothing from the other tenant, whatever the filter.
        var all = await client.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=200&actor=pijnacker");
        Assert.Empty(all.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_platform_administrator_sees_every_tenants_entries()
    {
        var prefix = await SeedAsync();
        var client = await app.ClientForAsync("admin@pps.demo");
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&pageSize=200");
        Assert.Equal(7, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_by_actor_object_and_time_and_pages_through_the_result()
    {
        var prefix = await SeedAsync(perTenant: 5);
        var client = await app.ClientForAsync(OovZoetermeer);
        var byObject = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&object=thing:3");
        Assert.Equal("thing:3", Assert.Single(byObject.GetProperty("items").EnumerateArray()).GetProperty("object").GetString());
        var byActor = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&actor=Z@ZOETERMEER");
        Assert.Equal(5, byActor.GetProperty("total").GetInt32());

        // A second of slack: PostgreSQL keeps microseconds, the clock has ticks.
        var start = app.Clock.GetUtcNow().AddMinutes(2).AddSeconds(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        var since = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&from={Uri.EscapeDataString(start)}");
        Assert.Equal(3, since.GetProperty("total").GetInt32());

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&pageSize=2&page=1");
        var third = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&pageSize=2&page=3");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, third.GetProperty("items").GetArrayLength());
        Assert.Equal(5, third.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-29&to=2026-11-01", "to")]
    public async Task A_bad_filter_or_page_size_is_a_400_naming_the_field(string query, string field)
    {
        var client = await app.ClientForAsync(OovZoetermeer);
        var response = await client.GetAsync($"/api/audit?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Viewing_and_exporting_the_log_are_themselves_audited()
    {
        var prefix = await SeedAsync(perTenant: 1);
        var client = await app.ClientForAsync(OovZoetermeer);
        await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}");
        (await client.GetAsync($"/api/audit/export.csv?action={prefix}")).EnsureSuccessStatusCode();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "audit.viewed" && a.Actor == OovZoetermeer && a.Detail!.Contains(prefix))));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "audit.exported" && a.Actor == OovZoetermeer && a.Detail!.Contains(prefix))));
    }

    [Fact]
    public async Task The_CSV_export_has_a_header_the_rows_and_neutralised_formula_cells()
    {
        var prefix = await SeedAsync(perTenant: 2, actor: "=cmd|' /C calc'!A0", detail: "@SUM(1+1)");
        var client = await app.ClientForAsync(OovZoetermeer);
        var response = await client.GetAsync($"/api/audit/export.csv?action={prefix}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("id,at,actor,action,object,result,origin,detail", lines[0].TrimStart('\uFEFF'));
        var rows = lines.Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Contains($"{prefix}.zoetermeer", r, StringComparison.Ordinal);
            Assert.Contains("'=cmd|", r, StringComparison.Ordinal);
            Assert.Contains("'@SUM(1+1)", r, StringComparison.Ordinal);
            Assert.DoesNotContain(",=", r, StringComparison.Ordinal);
            Assert.DoesNotContain(",@", r, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"=", r, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"@", r, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(lines, l => l.Contains("pijnacker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entrepreneur_gets_403_and_anonymous_401_from_the_audit_api()
    {
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.GetAsync("/api/audit/export.csv")).StatusCode);
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await ez.GetAsync("/api/audit")).StatusCode);
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit/export.csv")).StatusCode);
    }

    [Fact]
    public async Task The_other_tenants_OOV_sees_none_of_Zoetermeers_entries()
    {
        var prefix = await SeedAsync();
        var client = await app.ClientForAsync(OovPijnacker);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}&pageSize=200");
        Assert.All(page.GetProperty("items").EnumerateArray(), e => Assert.Equal($"{prefix}.pijnacker", e.GetProperty("action").GetString()));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var csv = await (await client.GetAsync($"/api/audit/export.csv?action={prefix}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("zoetermeer", csv, StringComparison.Ordinal);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class AuditViewerTestsOnSqlite(SqliteApp app) : AuditViewerTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AuditViewerTestsOnPostgres(PostgresApp app) : AuditViewerTests(app);
