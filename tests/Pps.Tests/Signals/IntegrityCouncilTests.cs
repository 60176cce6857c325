using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Signals.SignalsTestKit;

namespace Pps.Tests.Signals;

/// <summary>Council members (raadsleden) report improper influence; they read nothing of either desk.</summary>
public abstract class IntegrityCouncilTests(PpsApp app)
{
    [Fact]
    public async Task A_council_member_given_the_role_by_the_tenant_admin_may_report_improper_influence_and_only_the_integrity_officer_reads_it()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var before = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await before.PostAsync("/api/integrity", Report(category: "influence.offer", mode: "member", tenant: null))).StatusCode);

        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var members = await oov.GetStringAsync("/Admin/Members");
        Assert.Contains($"<option value=\"{Roles.Council}\">", members);
        Assert.Equal(HttpStatusCode.Created, (await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Council })).StatusCode);

        // Roles travel in the token: a fresh sign-in carries the new one.
        app.ForgetTokens();
        var council = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await council.GetAsync("/Integrity/Report")).StatusCode);
        var response = await council.PostAsync("/api/integrity", Report(category: "influence.threat", mode: "confidential", tenant: null, description: "A developer hinted at trouble if I vote against the plan."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var stored = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Id == id));
        Assert.Equal(SignalRoute.Integrity, stored.Route);
        Assert.Equal(ReportMode.Confidential, stored.Mode);
        Assert.Equal(memberId, stored.ReporterId);

        // The council member reads no desk, not even their own report's case.
        Assert.Equal(HttpStatusCode.Forbidden, (await council.GetAsync("/api/integrity/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync($"/api/integrity/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await council.GetAsync("/api/signals/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await council.GetAsync("/Integrity")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await council.GetAsync("/Signals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("politie@zoetermeer.demo")).GetAsync($"/api/integrity/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await oov.GetAsync($"/api/integrity/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("ondernemer.lansinghage@zoetermeer.demo")]
    [InlineData("politie@zoetermeer.demo")]
    [InlineData("nieuw.lansinghage@zoetermeer.demo")]
    public async Task Members_who_are_neither_officials_council_nor_board_members_are_refused_the_member_route(string email)
    {
        var client = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/integrity", Report(category: "influence.offer", mode: "member", tenant: null))).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/Integrity/Report")).StatusCode);
    }

    [Fact]
    public async Task Improper_influence_can_be_reported_without_an_account_and_only_the_integrity_officer_reads_it()
    {
        var form = Report(category: "influence.pressure", tenant: "zoetermeer", description: "Pressed to speed up a permit, no account used.");
        using var client = ClientFrom(app.Server, RandomAddress());
        var response = await client.PostAsync("/api/integrity/anonymous", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var code = body.GetProperty("followUpCode").GetString()!;

        var stored = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Id == id));
        Assert.Equal(SignalRoute.Integrity, stored.Route);
        Assert.Equal(ReportMode.Anonymous, stored.Mode);
        Assert.Null(stored.ReporterId);

        var signalsOnly = await app.ClientForAsync(await app.CreateMemberAsync(roles: [(Roles.Signals, null)]));
        Assert.Equal(HttpStatusCode.NotFound, (await signalsOnly.GetAsync($"/api/integrity/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signalsOnly.GetAsync($"/api/signals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("oov@zoetermeer.demo")).GetAsync($"/api/integrity/{id}")).StatusCode);

        // The same follow-up code page serves both desks.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/signals/follow-up", new { code })).StatusCode);

        // The desk's categories only: an ondermijning category is a 400 on the integrity route.
        using var other = ClientFrom(app.Server, RandomAddress());
        var wrong = await other.PostAsync("/api/integrity/anonymous", Report(category: "activity.smell", tenant: "zoetermeer"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("category", await wrong.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_account_less_integrity_page_shows_the_follow_up_code_once_and_offers_no_map()
    {
        using var page = new Pps.Tests.Members.PageSession(app);
        var (status, html) = await page.GetAsync("/Melden/Integriteit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
        Assert.Contains("value=\"influence.offer\"", html);
        Assert.DoesNotContain("value=\"activity.smell\"", html);
        Assert.DoesNotContain("signal-map", html);

        var description = "Offered tickets " + Guid.NewGuid().ToString("N");
        using var response = await page.PostFormAsync("/Melden/Integriteit", new Dictionary<string, string>
        {
            ["tenant"] = "zoetermeer", ["category"] = "influence.offer", ["description"] = description,
            ["seenAt"] = app.Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"follow-up-code\"", await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Description == description));
        Assert.Equal(SignalRoute.Integrity, stored.Route);
        Assert.Null(stored.ReporterId);
    }

    [Fact]
    public async Task The_council_role_is_a_tenant_role_and_cannot_be_held_on_one_estate()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var estate = await app.EstateIdAsync("lansinghage");
        var response = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Council, estateId = estate });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Roles.Council, Roles.TenantRoles);
        Assert.DoesNotContain(Roles.Council, Roles.Staff);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class IntegrityCouncilTestsOnSqlite(SqliteApp app) : IntegrityCouncilTests(app);

[Collection(PostgresApp.Collection)]
public sealed class IntegrityCouncilTestsOnPostgres(PostgresApp app) : IntegrityCouncilTests(app);
