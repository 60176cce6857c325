using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

public abstract class RegistrationTests(PpsApp app)
{
    [Fact]
    public async Task A_registration_creates_a_Registered_entrepreneur_on_the_estate_and_the_mailed_link_confirms_the_address()
    {
        var email = NewEmail();
        var tenant = await TenantIdAsync(app);
        var estate = await app.EstateIdAsync("rokkeveen");
        var response = await RegisterAsync(app, new
        {
            email, password = NewPassword(), displayName = "Renate Registreert", tenantId = tenant, estateId = estate, kvkNumber = "12345678", branchNumber = "123456789012",
        });
        AssertStatus(HttpStatusCode.Accepted, response, await response.Content.ReadAsStringAsync());

        var member = await MemberAsync(app, email);
        Assert.Equal(VettingLevel.Registered, member.VettingLevel);
        Assert.Equal(tenant, member.TenantId);
        Assert.False(member.EmailConfirmed);
        Assert.Equal("12345678", member.StatedKvkNumber);
        Assert.Equal("123456789012", member.StatedBranchNumber);
        var roles = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.MemberId == member.Id).ToListAsync());
        var role = Assert.Single(roles);
        Assert.Equal(Roles.Entrepreneur, role.Role);
        Assert.Equal(estate, role.EstateId);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "auth.registered" && a.ActorId == member.Id)));

        var mail = Assert.Single(await MailToAsync(app, email));
        var link = LinkIn(mail, "/Account/ConfirmEmail");
        using var browser = new PageSession(app);
        var (status, html) = await browser.GetAsync(link.Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alert--success", html, StringComparison.Ordinal);
        Assert.True((await MemberAsync(app, email)).EmailConfirmed);

        // The link is single-purpose: a tampered code confirms nothing.
        var (_, tampered) = await browser.GetAsync($"/Account/ConfirmEmail?userId={member.Id}&code=AAAA");
        Assert.Contains("alert--error", tampered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234567", null, "kvkNumber")]
    [InlineData("1234567a", null, "kvkNumber")]
    [InlineData("12345678", "12345678901", "branchNumber")]
    [InlineData(null, "1234567890123", "branchNumber")]
    public async Task A_bad_KvK_or_branch_number_is_a_400_naming_the_field_and_stores_nothing(string? kvk, string? branch, string field)
    {
        var email = NewEmail();
        var response = await RegisterAsync(app, new
        {
            email, password = NewPassword(), displayName = "Bad Numbers", tenantId = await TenantIdAsync(app), kvkNumber = kvk, branchNumber = branch,
        });
        var body = await response.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.BadRequest, response, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email)));
    }

    [Fact]
    public async Task A_missing_municipality_a_weak_password_and_a_foreign_estate_are_400s_naming_their_fields()
    {
        var noTenant = await RegisterAsync(app, new { email = NewEmail(), password = NewPassword(), displayName = "X" });
        AssertStatus(HttpStatusCode.BadRequest, noTenant);
        Assert.True((await noTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tenantId", out _));

        var weak = await RegisterAsync(app, new { email = NewEmail(), password = "password123", displayName = "X", tenantId = await TenantIdAsync(app) });
        AssertStatus(HttpStatusCode.BadRequest, weak);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));

        // An estate of Pijnacker-Nootdorp while registering in Zoetermeer: not found in that municipality.
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var email = NewEmail();
        var foreign = await RegisterAsync(app, new { email, password = NewPassword(), displayName = "X", tenantId = await TenantIdAsync(app), estateId = boezem });
        AssertStatus(HttpStatusCode.BadRequest, foreign);
        Assert.True((await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("estateId", out _));
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email)));
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_the_same_and_creates_no_second_account()
    {
        var email = await app.CreateMemberAsync();
        var response = await RegisterAsync(app, new { email, password = NewPassword(), displayName = "Impostor", tenantId = await TenantIdAsync(app) });
        AssertStatus(HttpStatusCode.Accepted, response);
        Assert.Equal(1, await app.WithDbAsync(db => db.Members.CountAsync(m => m.Email == email)));
        Assert.NotEqual("Impostor", (await MemberAsync(app, email)).DisplayName);

        // The owner of the address hears about it, with no confirmation link.
        var mail = Assert.Single(await MailToAsync(app, email));
        Assert.DoesNotContain("/Account/ConfirmEmail", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_page_shows_field_errors_linked_to_their_inputs_and_registers_a_valid_entrepreneur()
    {
        using var browser = new PageSession(app);
        var (status, form) = await browser.GetAsync("/Account/Register");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Zoetermeer", form, StringComparison.Ordinal);
        Assert.Contains("Pijnacker-Nootdorp", form, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(form, "<h1"));

        var email = NewEmail("page");
        var fields = new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = NewPassword(), ["DisplayName"] = "Paula Pagina", ["TenantId"] = (await TenantIdAsync(app)).ToString(),
            ["EstateId"] = (await app.EstateIdAsync("lansinghage")).ToString(), ["KvkNumber"] = "123", ["BranchNumber"] = "",
        };
        using (var bad = await browser.PostFormAsync("/Account/Register", fields))
        {
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("id=\"kvknumber-error\"", html, StringComparison.Ordinal);
            Assert.Matches("id=\"kvknumber\"[^>]*aria-describedby=\"kvk-hint kvknumber-error\"", html);
            Assert.Contains("8 cijfers", html, StringComparison.Ordinal);
            Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email)));
        }

        fields["KvkNumber"] = "87654321";
        using var good = await browser.PostFormAsync("/Account/Register", fields);
        Assert.Contains("register-done", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var member = await MemberAsync(app, email);
        Assert.Equal("Paula Pagina", member.DisplayName);
        Assert.Equal(VettingLevel.Registered, member.VettingLevel);
        Assert.Single(await MailToAsync(app, email));
    }

    [Fact]
    public async Task Registration_is_rate_limited_per_client_address()
    {
        // A client address of its own, so the limit does not touch the other tests' requests.
        var address = IPAddress.Parse($"198.51.100.{Random.Shared.Next(1, 254)}");
        var statuses = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            var context = await app.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = address;
                c.Request.Method = HttpMethods.Post;
                c.Request.Path = "/api/members/registrations";
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream("{}"u8.ToArray());
            });
            statuses.Add(context.Response.StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(400, s));
        Assert.Equal(429, statuses[20]);
    }

    [Fact]
    public async Task The_tenantless_Identity_register_endpoint_stays_closed()
    {
        using var client = app.AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = NewPassword() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class RegistrationTestsOnSqlite(SqliteApp app) : RegistrationTests(app);

[Collection(PostgresApp.Collection)]
public sealed class RegistrationTestsOnPostgres(PostgresApp app) : RegistrationTests(app);
