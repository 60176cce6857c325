using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Security;
using static Pps.Tests.Members.MembersTestData;

namespace Pps.Tests.Members;

/// <summary>
/// ASVS 5.0 6.2.4, 6.2.5 and 6.2.11: a password is judged by how easy it is to guess — common passwords and patterns,
/// the member's own name and address, the hub's words — not by composition rules. Each refusal is a 400 naming the
/// password field, and nothing is stored.
/// </summary>
public abstract class PasswordPolicyTests(PpsApp app)
{
    /// <summary>From an address of its own, so these registrations use none of the per-address limit of other classes.</summary>
    private async Task<HttpResponseMessage> RegisterAsync(object body)
    {
        using var client = await SecurityCallers.ClientAsync(app, SecurityCallers.Anonymous);
        return await client.PostAsJsonAsync("/api/members/registrations", body);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("qwertyuiop12")]
    [InlineData("1234567890")]
    [InlineData("Welkom2026!")]
    [InlineData("Ondermijning1")]
    public async Task A_common_password_or_pattern_is_refused_and_nothing_is_stored(string password)
    {
        var email = NewEmail();
        var response = await RegisterAsync(new { email, password, displayName = "Petra Paswoord", tenantId = await TenantIdAsync(app) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email)));
    }

    [Fact]
    public async Task A_password_made_of_the_members_own_name_or_address_is_refused()
    {
        var local = "gerrit.zonnebloem" + Random.Shared.Next(10, 99);
        var byName = await RegisterAsync(new { email = NewEmail(), password = "ZonnebloemGerrit", displayName = "Gerrit Zonnebloem", tenantId = await TenantIdAsync(app) });
        var byAddress = await RegisterAsync(new { email = $"{local}@test.demo", password = local + "!", displayName = "G. Z.", tenantId = await TenantIdAsync(app) });

        Assert.Equal(HttpStatusCode.BadRequest, byName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, byAddress.StatusCode);
    }

    [Fact]
    public async Task A_long_passphrase_without_digits_or_capitals_is_accepted()
    {
        var email = NewEmail();
        var response = await RegisterAsync(new { email, password = "paarse konijnen fietsen door de regen", displayName = "Frits Fiets", tenantId = await TenantIdAsync(app) });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email)));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class PasswordPolicyTestsOnSqlite(SqliteApp app) : PasswordPolicyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class PasswordPolicyTestsOnPostgres(PostgresApp app) : PasswordPolicyTests(app);
