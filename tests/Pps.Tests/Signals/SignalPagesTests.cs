using System.Net;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Audit;
using static Pps.Tests.Signals.SignalsTestKit;

namespace Pps.Tests.Signals;

public abstract class SignalPagesTests(PpsApp app)
{
    [Theory]
    [InlineData("/Melden")]
    [InlineData("/Melden/Status")]
    public async Task The_anonymous_pages_open_without_an_account_and_point_to_Meld_Misdaad_Anoniem_and_112(string path)
    {
        var response = await app.AnonymousClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("https://www.meldmisdaadanoniem.nl", html);
        Assert.Contains("0800-7000", html);
        Assert.Contains("112", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
    }

    [Fact]
    public async Task The_case_page_and_export_are_404_for_members_who_do_not_handle_signals_and_the_export_is_audited()
    {
        var (id, _) = await ReportAnonymouslyAsync(app);
        foreach (var email in new[] { "ez@zoetermeer.demo", "bestuur.lansinghage@zoetermeer.demo", "ondernemer.lansinghage@zoetermeer.demo", "politie@zoetermeer.demo", "oov@pijnacker.demo" })
        {
            var client = await app.ClientForAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Signals/Case/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Signals/Export/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Integrity/Case/{id}")).StatusCode);
            if (email != "oov@pijnacker.demo")
            {
                Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/Signals")).StatusCode);
            }
        }

        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var page = await oov.GetAsync($"/Signals/Case/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Strong smell of chemicals", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await oov.GetAsync("/Signals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oov.GetAsync("/Signals/Trends")).StatusCode);
        // An integrity officer's desk does not show ondermijning signals.
        Assert.Equal(HttpStatusCode.NotFound, (await oov.GetAsync($"/Integrity/Case/{id}")).StatusCode);

        var export = await oov.GetAsync($"/Signals/Export/{id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Object == $"signal:{id}").Select(a => a.Action).ToListAsync()), a => a == "signal.exported");
    }

    [Fact]
    public async Task Trends_are_for_EZ_and_boards_not_for_entrepreneurs_and_anonymous_visitors_cannot_see_member_pages()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("ez@zoetermeer.demo")).GetAsync("/Signals/Trends")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo")).GetAsync("/Signals/Trends")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync("/Signals/Trends")).StatusCode);
        var anonymous = await app.AnonymousClient().GetAsync("/Signals/Mine");
        // The house's challenge for a page without a cookie (401 or a redirect to the log-in page); never the page itself.
        Assert.True(anonymous.StatusCode is HttpStatusCode.Unauthorized || anonymous.Headers.Location?.ToString().Contains("/Account/Login") == true, anonymous.StatusCode.ToString());
    }

    [Fact]
    public async Task A_member_reaches_the_report_page_and_sees_an_open_question_on_the_dashboard()
    {
        var reporter = await app.CreateMemberAsync(roles: [(Pps.Web.Infrastructure.Auth.Roles.Entrepreneur, "lansinghage")]);
        var id = await ReportAsMemberAsync(app, reporter);
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsync($"/api/signals/{id}/questions", System.Net.Http.Json.JsonContent.Create(new { question = "Wanneer precies?" }))).StatusCode);
        var client = await app.ClientForAsync(reporter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Signals/Report")).StatusCode);
        var mine = await client.GetStringAsync("/Signals/Mine");
        Assert.Contains("Wanneer precies?", mine);
        var dashboard = await client.GetStringAsync("/Dashboard");
        var reference = await app.WithDbAsync(db => db.Signals.Where(s => s.Id == id).Select(s => s.Reference).SingleAsync());
        Assert.Contains(reference, dashboard);
        Assert.DoesNotContain("Strong smell", dashboard);
    }

    [Fact]
    public async Task The_integrity_report_page_is_for_officials_and_boards_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo")).GetAsync("/Integrity/Report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("ez@zoetermeer.demo")).GetAsync("/Integrity/Report")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync("/Integrity/Report")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await app.ClientForAsync("ez@zoetermeer.demo")).GetAsync("/Integrity")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("oov@zoetermeer.demo")).GetAsync("/Integrity")).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SignalPagesTestsOnSqlite(SqliteApp app) : SignalPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SignalPagesTestsOnPostgres(PostgresApp app) : SignalPagesTests(app);
