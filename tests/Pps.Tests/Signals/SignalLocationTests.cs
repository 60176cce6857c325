using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Signals;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Signals;

/// <summary>The report page's location picker: the premises list, the estate map and coordinates typed or clicked in a Dutch page.</summary>
public abstract partial class SignalLocationTests(PpsApp app)
{
    [Fact]
    public async Task The_member_report_page_offers_the_premises_of_the_tenant_and_a_map_per_estate_and_stores_the_chosen_premises()
    {
        var email = await app.CreateMemberAsync(roles: [(Roles.Entrepreneur, "lansinghage")]);
        using var page = await SessionAsync(email);
        var (status, html) = await page.GetAsync("/Signals/Report");
        Assert.Equal(HttpStatusCode.OK, status);

        var lansinghage = await app.EstateIdAsync("lansinghage");
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == lansinghage).OrderBy(u => u.Street).ThenBy(u => u.HouseNumber).Select(u => u.Id).FirstAsync());
        Assert.Contains($"<option value=\"{unitId}\" data-estate=\"{lansinghage}\">", html);
        Assert.Contains("<label for=\"unitId\">", html);
        Assert.Contains($"<figure class=\"signal-map\" data-estate=\"{lansinghage}\"", html);
        Assert.Contains("<label for=\"latitude\">", html);
        Assert.Contains("<label for=\"longitude\">", html);
        // Another tenant's premises and estates never appear on a member's form.
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        Assert.DoesNotContain(boezem.ToString(), html);

        var description = "Premises pick " + Guid.NewGuid().ToString("N");
        using var response = await page.PostFormAsync("/Signals/Report", Fields(description, new() { ["unitId"] = unitId.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var signal = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Description == description));
        Assert.Equal(LocationKind.Unit, signal.LocationKind);
        Assert.Equal(unitId, signal.UnitId);
        Assert.Equal(lansinghage, signal.EstateId);
        Assert.Null(signal.Latitude);
    }

    [Theory]
    [InlineData("52.0395", "4.4641")]
    [InlineData("52,0395", "4,4641")]
    [InlineData(" 52.03950 ", "4.46410")]
    public async Task A_spot_from_the_map_is_stored_with_its_exact_coordinates_on_a_Dutch_page(string latitude, string longitude)
    {
        var email = await app.CreateMemberAsync(roles: [(Roles.Entrepreneur, "lansinghage")]);
        using var page = await SessionAsync(email);
        var (_, html) = await page.GetAsync("/Signals/Report");
        Assert.Contains("lang=\"nl", html);
        var lansinghage = await app.EstateIdAsync("lansinghage");

        var description = "Map pick " + Guid.NewGuid().ToString("N");
        using var response = await page.PostFormAsync("/Signals/Report", Fields(description, new()
        {
            ["estateId"] = lansinghage.ToString(), ["latitude"] = latitude, ["longitude"] = longitude,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var signal = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Description == description));
        Assert.Equal(LocationKind.Point, signal.LocationKind);
        Assert.Equal(lansinghage, signal.EstateId);
        // Bound with the Dutch culture, "52.0395" would have become 520395 and been refused (or worse, stored).
        Assert.Equal(52.0395, signal.Latitude!.Value, 9);
        Assert.Equal(4.4641, signal.Longitude!.Value, 9);
    }

    [Fact]
    public async Task A_spot_outside_the_estate_or_an_unreadable_coordinate_is_refused_on_the_page_and_nothing_is_stored()
    {
        var email = await app.CreateMemberAsync(roles: [(Roles.Entrepreneur, "lansinghage")]);
        using var page = await SessionAsync(email);
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var description = "Outside " + Guid.NewGuid().ToString("N");

        // 520395 is what a culture-bound "52.0395" turns into: refused, never stored as a far-away point.
        foreach (var (lat, lon, field) in new[] { ("520395", "44641", "latitude"), ("52.0100", "4.4000", "longitude"), ("north", "4.46", "latitude") })
        {
            using var response = await page.PostFormAsync("/Signals/Report", Fields(description, new()
            {
                ["estateId"] = lansinghage.ToString(), ["latitude"] = lat, ["longitude"] = lon,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("id=\"form-errors\"", html);
            Assert.Matches(new Regex($"<li>{field}: ", RegexOptions.IgnoreCase), html);
        }

        Assert.False(await app.WithDbAsync(db => db.Signals.AnyAsync(s => s.Description == description)));
    }

    [Fact]
    public async Task The_anonymous_form_draws_every_estate_outline_with_its_municipality_but_lists_no_premises()
    {
        var response = await app.AnonymousClient().GetAsync("/Melden");
        var html = await response.Content.ReadAsStringAsync();
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var lansinghage = await app.EstateIdAsync("lansinghage");
        Assert.Contains($"<figure class=\"signal-map\" data-estate=\"{boezem}\" data-tenant=\"pijnacker-nootdorp\"", html);
        Assert.Contains($"<figure class=\"signal-map\" data-estate=\"{lansinghage}\" data-tenant=\"zoetermeer\"", html);
        Assert.DoesNotContain("id=\"unitId\"", html);
        Assert.DoesNotContain("signal-map__unit", html);
        // The projection's parameters are written with a point, whatever the page's language.
        foreach (Match m in MapNumber().Matches(html))
        {
            Assert.True(double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v), m.Value);
        }

        Assert.True(MapNumber().Matches(html).Count >= 10);
    }

    [Fact]
    public async Task An_anonymous_report_with_a_spot_on_the_map_of_another_municipality_is_stored_there()
    {
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var form = SignalsTestKit.Report(tenant: "pijnacker-nootdorp", locationKind: null, address: null, estateId: boezem);
        form.Add(new StringContent("52.017"), "latitude");
        form.Add(new StringContent("4.445"), "longitude");
        var (id, _) = await SignalsTestKit.ReportAnonymouslyAsync(app, form);
        var signal = await app.WithDbAsync(db => db.Signals.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        Assert.Equal(LocationKind.Point, signal.LocationKind);
        Assert.Equal(boezem, signal.EstateId);
        Assert.Equal(52.017, signal.Latitude!.Value, 9);
    }

    private async Task<PageSession> SessionAsync(string email)
    {
        var page = new PageSession(app);
        page.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-NL");
        Assert.NotNull(await page.LoginAsync(email, Pps.Web.Features.Tenancy.DemoData.Password));
        return page;
    }

    private Dictionary<string, string> Fields(string description, Dictionary<string, string> location)
    {
        var fields = new Dictionary<string, string>
        {
            ["mode"] = "member",
            ["category"] = "activity.smell",
            ["seenAt"] = app.Clock.GetUtcNow().AddHours(-3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["description"] = description,
        };
        foreach (var (k, v) in location)
        {
            fields[k] = v;
        }

        return fields;
    }

    [GeneratedRegex("data-(?:min-lon|max-lat|k|scale|pad)=\"([^\"]*)\"")]
    private static partial Regex MapNumber();
}

[Collection(SqliteApp.Collection)]
public sealed class SignalLocationTestsOnSqlite(SqliteApp app) : SignalLocationTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SignalLocationTestsOnPostgres(PostgresApp app) : SignalLocationTests(app);
