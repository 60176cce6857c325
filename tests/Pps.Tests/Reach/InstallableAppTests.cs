using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Auth;
using SkiaSharp;

namespace Pps.Tests.Reach;

/// <summary>The installable app (manifest, service worker) and the /Reach settings page without JavaScript.</summary>
public abstract partial class InstallableAppTests(PpsApp app)
{
    [Fact]
    public async Task The_manifest_is_valid_json_with_the_members_an_installable_app_needs()
    {
        var response = await app.AnonymousClient().GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("name").GetString()));
        Assert.Equal("PPS Hub", root.GetProperty("short_name").GetString());
        Assert.Equal("/Dashboard", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());

        // Colours come from the brand tokens.
        var tokens = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot, "branding", "tokens.json"))).RootElement.GetProperty("color");
        Assert.Equal(tokens.GetProperty("primary").GetString(), root.GetProperty("theme_color").GetString());
        Assert.Equal(tokens.GetProperty("background").GetString(), root.GetProperty("background_color").GetString());

        // Chromium's installability wants PNG icons of 192 and 512 pixels; Android crops maskable ones to its shape.
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        foreach (var (sizes, purpose) in new[] { ("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable") })
        {
            var icon = Assert.Single(icons, i => i.GetProperty("sizes").GetString() == sizes && i.GetProperty("purpose").GetString() == purpose);
            Assert.Equal("image/png", icon.GetProperty("type").GetString());
            var iconResponse = await app.AnonymousClient().GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, iconResponse.StatusCode);
            Assert.Equal("image/png", iconResponse.Content.Headers.ContentType?.MediaType);
            using var bitmap = SKBitmap.Decode(await iconResponse.Content.ReadAsByteArrayAsync());
            Assert.Equal(sizes, $"{bitmap.Width}x{bitmap.Height}");
        }

        var svg = Assert.Single(icons, i => i.GetProperty("sizes").GetString() == "any");
        var svgResponse = await app.AnonymousClient().GetAsync(svg.GetProperty("src").GetString());
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_committed_png_icons_are_rendered_from_the_brand_logo()
    {
        var logo = await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot, "branding", "logo.svg"));
        var primary = SKColor.Parse(JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppProcess.RepositoryRoot, "branding", "tokens.json")))
            .RootElement.GetProperty("color").GetProperty("primary").GetString());
        var folder = Path.Combine(AppProcess.RepositoryRoot, "src", "Pps.Web", "wwwroot", "icons");
        foreach (var (file, size, maskable) in BrandIcons.All)
        {
            using var expected = BrandIcons.Render(logo, size, maskable, primary);
            var path = Path.Combine(folder, file);

            // tests/Pps.Tests/Reach/make-icons.sh sets this to regenerate the committed files after a logo change.
            if (Environment.GetEnvironmentVariable("PPS_WRITE_ICONS") == "1")
            {
                await File.WriteAllBytesAsync(path, BrandIcons.Png(expected));
            }

            using var committed = SKBitmap.Decode(path);
            Assert.True(committed is not null, $"{file} is missing: run tests/Pps.Tests/Reach/make-icons.sh");
            Assert.Equal((size, size), (committed.Width, committed.Height));
            var worst = 0;
            for (var y = 0; y < size; y += 3)
            {
                for (var x = 0; x < size; x += 3)
                {
                    var (a, b) = (expected.GetPixel(x, y), committed.GetPixel(x, y));
                    worst = Math.Max(worst, new[] { Math.Abs(a.Red - b.Red), Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue), Math.Abs(a.Alpha - b.Alpha) }.Max());
                }
            }

            Assert.True(worst <= 8, $"{file} differs from branding/logo.svg (by {worst}): run tests/Pps.Tests/Reach/make-icons.sh");
            if (maskable)
            {
                // Full bleed: the corners (cut away by the mask) carry the brand colour, not transparency.
                Assert.Equal(primary, committed.GetPixel(0, 0));
            }
        }
    }

    [Fact]
    public async Task The_service_worker_is_served_as_javascript_from_the_root_and_handles_push_and_clicks()
    {
        var response = await app.AnonymousClient().GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("addEventListener(\"push\"", script);
        Assert.Contains("addEventListener(\"notificationclick\"", script);
        Assert.Contains("/account/logout", script);
    }

    [Fact]
    public async Task Every_page_links_the_manifest()
    {
        var page = await app.AnonymousClient().GetStringAsync("/Account/Login");
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", page);
    }

    [Fact]
    public async Task The_reach_page_saves_push_severities_without_javascript_and_needs_sign_in()
    {
        var anonymous = await app.AnonymousClient().GetAsync("/Reach");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());

        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var browser = await SignInAsync(email);

        // The way there: the profile links to the reach settings.
        Assert.Contains("<a href=\"/Reach\" id=\"profile-reach\">", await browser.GetStringAsync("/Profile"));
        var page = await browser.GetStringAsync("/Reach");
        Assert.Single(Regex.Matches(page, "<h1"));
        Assert.Contains("id=\"push-urgent\" name=\"PushSeverities\" value=\"urgent\" checked=\"checked\"", page);

        var saved = await browser.PostAsync("/Reach", Form(page, ("PushSeverities", "warning"), ("PushSeverities", "urgent")));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await browser.GetStringAsync("/Reach");
        Assert.Contains("id=\"push-warning\" name=\"PushSeverities\" value=\"warning\" checked=\"checked\"", after);
        Assert.DoesNotContain("id=\"push-info\" name=\"PushSeverities\" value=\"info\" checked", after);
        Assert.Contains("id=\"digest-none\" name=\"Digest\" value=\"none\" checked=\"checked\"", after);

        var weekly = await browser.PostAsync("/Reach", Form(after, ("PushSeverities", "urgent"), ("Digest", "weekly")));
        Assert.Equal(HttpStatusCode.OK, weekly.StatusCode);
        Assert.Contains("id=\"digest-weekly\" name=\"Digest\" value=\"weekly\" checked=\"checked\"", await browser.GetStringAsync("/Reach"));
    }

    [Fact]
    public void The_dutch_and_english_reach_texts_have_the_same_keys()
    {
        var folder = Path.Combine(AppProcess.RepositoryRoot, "src", "Pps.Web", "Resources", "Features", "Reach");
        static string[] Keys(string file) => System.Xml.Linq.XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).Order().ToArray();
        Assert.Equal(Keys(Path.Combine(folder, "ReachText.resx")), Keys(Path.Combine(folder, "ReachText.en.resx")));
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
public sealed class InstallableAppTestsOnSqlite(SqliteApp app) : InstallableAppTests(app);

[Collection(PostgresApp.Collection)]
public sealed class InstallableAppTestsOnPostgres(PostgresApp app) : InstallableAppTests(app);
