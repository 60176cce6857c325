using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Tenancy;

/// <summary>The administration and audit pages over HTTP: who may open them, their structure, and one form round-trip each.</summary>
public abstract partial class AdminPagesTests(PpsApp app)
{
    public static TheoryData<string> TenantAdminPages() => new()
    {
        "/Admin", "/Admin/Estates", "/Admin/Estates/Edit", "/Admin/Organisations", "/Admin/Organisations/Edit", "/Admin/Members", "/Audit",
    };

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"[^>]*>")]
    private static partial Regex Control();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private static void AssertAccessible(string html)
    {
        Assert.Single(H1().Matches(html));
        foreach (Match control in Control().Matches(html))
        {
            if (control.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }

            var id = control.Groups[2].Value;
            Assert.True(html.Contains($"<label for=\"{id}\"", StringComparison.Ordinal), $"no label for #{id}");
        }

        if (html.Contains("<table", StringComparison.Ordinal))
        {
            Assert.Contains("<th scope=\"col\">", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return Antiforgery().Match(html).Groups[1].Value;
    }

    [Theory]
    [MemberData(nameof(TenantAdminPages))]
    public async Task Every_admin_page_opens_for_the_OOV_with_one_h1_and_labelled_controls(string url)
    {
        var client = await app.ClientForAsync(Admin.OovZoetermeer);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertAccessible(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TenantAdminPages))]
    public async Task Every_admin_page_opens_for_the_platform_administrator(string url)
    {
        var client = await app.ClientForAsync(Admin.Platform);
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            AssertAccessible(await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TenantAdminPages))]
    public async Task An_entrepreneur_and_an_anonymous_caller_are_refused_every_admin_page(string url)
    {
        var entrepreneur = await app.ClientForAsync(Admin.Entrepreneur);
        var refused = await entrepreneur.GetAsync(url);
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
            || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.ToString().Contains("AccessDenied", StringComparison.Ordinal)),
            $"{url}: {refused.StatusCode} {refused.Headers.Location}");

        // The house's default scheme answers an anonymous challenge with 401 (bearer) rather than the login redirect.
        var anonymous = await app.AnonymousClient().GetAsync(url);
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized
            || (anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal)),
            $"{url}: {anonymous.StatusCode}");
        Assert.DoesNotContain("<h1", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenants_page_is_for_the_platform_administrator_only()
    {
        var admin = await app.ClientForAsync(Admin.Platform);
        var html = await admin.GetStringAsync("/Admin/Tenants");
        AssertAccessible(html);
        Assert.Contains("pijnacker-nootdorp", html, StringComparison.Ordinal);

        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var refused = await oov.GetAsync("/Admin/Tenants");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        Assert.DoesNotContain("pijnacker-nootdorp", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_is_created_through_the_page_form()
    {
        var admin = await app.ClientForAsync(Admin.Platform);
        var slug = Admin.UniqueSlug("pagina");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "Gemeente Pagina", ["Slug"] = slug, ["__RequestVerificationToken"] = await TokenAsync(admin, "/Admin/Tenants"),
        });
        var response = await admin.PostAsync("/Admin/Tenants", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Tenants.AnyAsync(t => t.Slug == slug)));
    }

    [Fact]
    public async Task A_bad_outline_on_the_estate_form_shows_the_error_linked_to_the_field_and_stores_nothing()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var slug = Admin.UniqueSlug("formulier");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Formulier"), "Name" },
            { new StringContent(slug), "Slug" },
            { new StringContent("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"""), "Outline" },
            { new StringContent(await TokenAsync(oov, "/Admin/Estates/Edit")), "__RequestVerificationToken" },
        };
        var response = await oov.PostAsync("/Admin/Estates/Edit", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"outline-error\"", html, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"outline\"[^>]*aria-describedby=\"[^\"]*outline-error", html);
        Assert.Contains("crosses itself", html, StringComparison.Ordinal);
        AssertAccessible(html);
        Assert.False(await app.WithDbAsync(db => db.Estates.AnyAsync(e => e.Slug == slug)));
    }

    [Fact]
    public async Task An_estate_is_created_from_an_uploaded_GeoJSON_file()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var slug = Admin.UniqueSlug("upload");
        var geojson = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.46,52.04],[4.47,52.04],[4.47,52.05],[4.46,52.04]]]}}]}""";
        using var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(geojson));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/geo+json");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Geüpload"), "Name" },
            { new StringContent(slug), "Slug" },
            { file, "OutlineFile", "terrein.geojson" },
            { new StringContent(await TokenAsync(oov, "/Admin/Estates/Edit")), "__RequestVerificationToken" },
        };
        var response = await oov.PostAsync("/Admin/Estates/Edit", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var estate = await app.WithDbAsync(db => db.Estates.SingleAsync(e => e.Slug == slug));
        Assert.Equal("Geüpload", estate.Name);
        Assert.StartsWith("{\"type\":\"Polygon\"", estate.OutlineGeoJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_is_assigned_and_revoked_through_the_members_page()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var page = await oov.GetStringAsync($"/Admin/Members?q={email}");
        Assert.Contains(email, page, StringComparison.Ordinal);
        var token = Antiforgery().Match(page).Groups[1].Value;

        var assign = await oov.PostAsync($"/Admin/Members?handler=Assign&q={email}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["memberId"] = memberId.ToString(), ["role"] = Roles.Ro, ["estateId"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        var assignment = await app.WithDbAsync(db => db.RoleAssignments.SingleAsync(r => r.MemberId == memberId && r.Role == Roles.Ro));

        var listed = await oov.GetStringAsync($"/Admin/Members?q={email}");
        Assert.Contains(assignment.Id.ToString(), listed, StringComparison.Ordinal);
        var revoke = await oov.PostAsync($"/Admin/Members?handler=Revoke&q={email}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["memberId"] = memberId.ToString(), ["assignmentId"] = assignment.Id.ToString(), ["__RequestVerificationToken"] = Antiforgery().Match(listed).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == assignment.Id)));
    }

    [Fact]
    public async Task The_other_tenants_OOV_gets_404_for_edit_pages_of_Zoetermeers_estates_and_organisations()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var organisation = await app.WithDbAsync(db => db.Organisations.Where(o => o.Name.StartsWith("Ondernemersvereniging Lansinghage")).Select(o => o.Id).FirstAsync());
        var pijnacker = await app.ClientForAsync(Admin.OovPijnacker);
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.GetAsync($"/Admin/Estates/Edit/{lansinghage}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.GetAsync($"/Admin/Organisations/Edit/{organisation}")).StatusCode);

        var zoetermeer = await app.ClientForAsync(Admin.OovZoetermeer);
        var html = await zoetermeer.GetStringAsync($"/Admin/Estates/Edit/{lansinghage}");
        Assert.Contains("value=\"Lansinghage\"", html, StringComparison.Ordinal);
        AssertAccessible(html);
    }

    [Fact]
    public async Task An_organisation_is_created_through_the_page_after_a_bad_KvK_number_is_refused()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var name = $"Paginabedrijf {Guid.NewGuid():N}"[..30];
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "Business", ["Name"] = name, ["KvkNumber"] = "1234", ["BranchNumber"] = "123456789012",
            ["__RequestVerificationToken"] = await TokenAsync(oov, "/Admin/Organisations/Edit"),
        };
        var refused = await oov.PostAsync("/Admin/Organisations/Edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("<input id=\"kvkNumber\"[^>]*aria-describedby=\"kvk-hint kvkNumber-error\"", html);
        Assert.False(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name)));

        fields["KvkNumber"] = "12345678";
        var saved = await oov.PostAsync("/Admin/Organisations/Edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Organisations.AnyAsync(o => o.Name == name && o.KvkNumber == "12345678")));

        var list = await oov.GetStringAsync($"/Admin/Organisations?kind=Business&q={Uri.EscapeDataString(name)}");
        Assert.Contains(name, list, StringComparison.Ordinal);
        AssertAccessible(list);
    }

    [Fact]
    public async Task The_members_page_of_an_OOV_lists_only_their_own_tenant()
    {
        var oov = await app.ClientForAsync(Admin.OovPijnacker);
        var html = await oov.GetStringAsync("/Admin/Members");
        Assert.Contains("oov@pijnacker.demo", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@zoetermeer.demo", html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@pps.demo", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_page_shows_the_log_in_Dutch_by_default_and_in_English_on_request()
    {
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var dutch = await oov.GetStringAsync("/Audit?action=auth.");
        Assert.Contains("<h1>Auditlog</h1>", dutch, StringComparison.Ordinal);
        Assert.Contains("auth.login", dutch, StringComparison.Ordinal);
        Assert.Contains("/api/audit/export.csv?action=auth.", dutch, StringComparison.Ordinal);
        AssertAccessible(dutch);

        var english = await oov.GetStringAsync("/Audit?culture=en&ui-culture=en");
        Assert.Contains("<h1>Audit log</h1>", english, StringComparison.Ordinal);

        var bad = await oov.GetStringAsync("/Audit?from=yesterday");
        Assert.Contains("id=\"from-error\"", bad, StringComparison.Ordinal);
        Assert.Matches("<input id=\"from\"[^>]*aria-describedby=\"from-error\"", bad);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class AdminPagesTestsOnSqlite(SqliteApp app) : AdminPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AdminPagesTestsOnPostgres(PostgresApp app) : AdminPagesTests(app);
