using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using static Pps.Tests.Alerts.AlertsTestKit;

namespace Pps.Tests.Alerts;

/// <summary>The alert pages as a browser without JavaScript uses them: cookie sign-in, forms with antiforgery.</summary>
public abstract partial class AlertsPagesTests(PpsApp app)
{
    [Fact]
    public async Task The_acknowledge_button_on_the_alerts_page_works_without_javascript()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var title = Unique("Zonder JS");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(title, [lansinghage], "urgent", ack: true));
        var browser = await SignInAsync(Ondernemer);

        var page = await browser.GetStringAsync("/Alerts");
        Assert.Contains(title, page);
        var urgentFirst = page.IndexOf(title, StringComparison.Ordinal);
        Assert.True(urgentFirst >= 0);
        var response = await browser.PostAsync("/Alerts?handler=Acknowledge", Form(page, ("id", posted.Id().ToString())));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var acknowledged = await app.WithDbAsync(db => db.AlertReceipts
            .Where(r => r.AlertId == posted.Id() && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer))
            .Select(r => r.AcknowledgedAt).SingleAsync());
        Assert.NotNull(acknowledged);

        // Rendering the list counted as delivery; the acknowledgement implies reading.
        var receipt = await app.WithDbAsync(db => db.AlertReceipts.SingleAsync(r => r.AlertId == posted.Id() && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer)));
        Assert.NotNull(receipt.DeliveredAt);
        Assert.NotNull(receipt.ReadAt);
    }

    [Fact]
    public async Task Opening_an_alert_marks_it_read_and_others_get_404()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var title = Unique("Openen");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(title, [lansinghage], "warning"));
        var detail = await (await SignInAsync(Ondernemer)).GetAsync($"/Alerts/{posted.Id()}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Contains(title, await detail.Content.ReadAsStringAsync());
        var read = await app.WithDbAsync(db => db.AlertReceipts
            .Where(r => r.AlertId == posted.Id() && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer))
            .Select(r => r.ReadAt).SingleAsync());
        Assert.NotNull(read);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(Rokkeveen)).GetAsync($"/Alerts/{posted.Id()}")).StatusCode);
    }

    [Fact]
    public async Task The_post_form_is_only_for_those_who_may_alert_and_offers_a_board_only_its_own_estate()
    {
        // Pages refuse by sending the member to the access-denied page (which answers 403).
        var denied = await (await SignInAsync(Ondernemer)).GetAsync("/Alerts/New");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var board = await (await SignInAsync(Bestuur)).GetStringAsync("/Alerts/New");
        Assert.Contains(">Lansinghage<", board);
        Assert.DoesNotContain(">Rokkeveen<", board);
        Assert.DoesNotContain("name=\"TargetRoles\"", board);

        var oov = await (await SignInAsync(Oov)).GetStringAsync("/Alerts/New");
        Assert.Contains(">Rokkeveen<", oov);
        Assert.Contains("name=\"TargetRoles\"", oov);
    }

    [Fact]
    public async Task Posting_through_the_form_stores_the_alert_and_bad_input_shows_field_errors_without_storing()
    {
        var browser = await SignInAsync(Bestuur);
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var form = await browser.GetStringAsync("/Alerts/New");
        var before = await app.WithDbAsync(db => db.Alerts.CountAsync());
        var bad = await browser.PostAsync("/Alerts/New", Form(form, ("Title", ""), ("Body", "x"), ("Severity", "loud"), ("EstateIds", lansinghage.ToString())));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-Title\"", html);
        Assert.Contains("href=\"#field-Severity\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Alerts.CountAsync()));

        var title = Unique("Formulier");
        var ok = await browser.PostAsync("/Alerts/New", Form(form, ("Title", title), ("Body", "Via het formulier."), ("Severity", "info"), ("EstateIds", lansinghage.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Matches("^/Alerts/[0-9a-f-]{36}$", ok.Headers.Location!.ToString());
        Assert.Equal(1, await app.StoredAlertsTitledAsync(title));
    }

    [Fact]
    public async Task The_dashboard_card_shows_unacknowledged_alerts()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var title = Unique("Kaart");
        await (await app.ClientForAsync(Oov)).PostOkAsync(Body(title, [lansinghage], "urgent", ack: true));
        var dashboard = await (await SignInAsync(Ondernemer)).GetStringAsync("/Dashboard");
        Assert.Contains("id=\"dashboard-alerts\"", dashboard);
        Assert.Contains(title, dashboard);
        Assert.DoesNotContain(title, await (await SignInAsync(Rokkeveen)).GetStringAsync("/Dashboard"));
    }

    [Fact]
    public async Task The_alerts_api_is_in_the_OpenAPI_document()
    {
        var doc = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/alerts", "/api/alerts/{id}", "/api/alerts/{id}/acknowledgement", "/api/alerts/{id}/receipts", "/api/alerts/preferences" })
        {
            Assert.Contains($"\"{path}\"", doc);
        }
    }

    [Fact]
    public async Task The_alert_pages_are_Dutch_by_default_and_complete_in_English()
    {
        var browser = await SignInAsync(Ondernemer);
        Assert.Contains("Mijn meldingen", await browser.GetStringAsync("/Alerts"));
        Assert.Contains("My alerts", await browser.GetStringAsync("/Alerts?culture=en&ui-culture=en"));

        var folder = Path.Combine(AppProcess.RepositoryRoot, "src", "Pps.Web", "Resources", "Features", "Alerts");
        static string[] Keys(string file) => System.Xml.Linq.XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).Order().ToArray();
        Assert.Equal(Keys(Path.Combine(folder, "AlertsText.resx")), Keys(Path.Combine(folder, "AlertsText.en.resx")));
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", Form(login, ("Email", email), ("Password", Pps.Web.Features.Tenancy.DemoData.Password)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

[Collection(SqliteApp.Collection)]
public sealed class AlertsPagesTestsOnSqlite(SqliteApp app) : AlertsPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AlertsPagesTestsOnPostgres(PostgresApp app) : AlertsPagesTests(app);
