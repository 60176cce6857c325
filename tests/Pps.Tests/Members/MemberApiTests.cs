using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

public abstract class MemberApiTests(PpsApp app)
{
    [Theory]
    [InlineData("GET", "/api/me/export")]
    [InlineData("PUT", "/api/me/profile")]
    [InlineData("POST", "/api/me/erasure-request")]
    [InlineData("GET", "/api/members/erasure-requests")]
    public async Task Anonymous_callers_are_refused_by_the_member_endpoints(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
        var response = await app.AnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_profile_api_saves_valid_changes_and_names_the_bad_field()
    {
        var email = await app.CreateMemberAsync();
        var client = await app.ClientForAsync(email);
        var bad = await client.PutAsJsonAsync("/api/me/profile", new { displayName = "Api Anton", culture = "de", sharePhone = false, shareEmail = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("culture", out _));

        var ok = await client.PutAsJsonAsync("/api/me/profile", new { displayName = "Api Anton", phoneNumber = "079 123 45 67", culture = "en", sharePhone = false, shareEmail = true, currentPassword = Pps.Web.Features.Tenancy.DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var member = await MemberAsync(app, email);
        Assert.Equal("Api Anton", member.DisplayName);
        Assert.True(member.ShareEmail);
        Assert.Equal("en", member.Culture);
    }

    [Fact]
    public async Task The_identity_api_answers_a_reset_request_the_same_for_known_and_unknown_addresses()
    {
        var email = await app.CreateMemberAsync();
        using var client = app.AnonymousClient();
        var unknown = await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email = NewEmail("nobody") });
        var known = await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email });
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.Single(await MailToAsync(app, email));
        var member = await MemberAsync(app, email);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorId == member.Id && a.Action == "auth.password-reset-requested")));
    }

    [Fact]
    public async Task The_register_page_is_rate_limited_per_client_address_too()
    {
        var address = IPAddress.Parse($"203.0.113.{Random.Shared.Next(1, 254)}");
        var statuses = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            var context = await app.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = address;
                c.Request.Method = HttpMethods.Post;
                c.Request.Path = "/Account/Register";
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.Body = new MemoryStream("Email=x"u8.ToArray());
            });
            statuses.Add(context.Response.StatusCode);
        }

        // Without an antiforgery token the page refuses the post (400); the limit counts it all the same.
        Assert.All(statuses.Take(20), s => Assert.Equal(400, s));
        Assert.Equal(429, statuses[20]);
    }

    [Fact]
    public async Task The_municipal_login_endpoint_is_absent_while_it_is_not_configured()
    {
        using var browser = new PageSession(app);
        using var response = await browser.PostFormAsync("/Account/Login", new Dictionary<string, string>(), "/Account/ExternalLogin");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class MemberApiTestsOnSqlite(SqliteApp app) : MemberApiTests(app);

[Collection(PostgresApp.Collection)]
public sealed class MemberApiTestsOnPostgres(PostgresApp app) : MemberApiTests(app);
