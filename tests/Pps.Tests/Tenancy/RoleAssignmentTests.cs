using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.Tenancy;

public abstract class RoleAssignmentTests(PpsApp app)
{
    private async Task<Guid> MemberIdAsync(string email)
        => await app.WithDbAsync(db => db.Members.Where(m => m.NormalizedEmail == email.ToUpperInvariant()).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task An_OOV_assigns_a_tenant_role_which_shows_in_me_after_a_new_login_and_is_audited()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await MemberIdAsync(email);
        var before = await (await app.ClientForAsync(email)).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.DoesNotContain(before.GetProperty("roles").EnumerateArray(), r => r.GetString() == Roles.Ez);

        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var response = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Ez });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var assignmentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        app.ForgetToken(email);
        var after = await (await app.ClientForAsync(email)).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Contains(after.GetProperty("roles").EnumerateArray(), r => r.GetString() == Roles.Ez);

        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "member.role-assigned" && a.Object == $"member:{memberId}"));
        Assert.Equal(Admin.OovZoetermeer, entry.Actor);
        Assert.Contains("role=ez", entry.Detail, StringComparison.Ordinal);
        Assert.Contains(assignmentId.ToString(), entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OOV_assigns_and_revokes_an_estate_role_and_both_are_audited()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await MemberIdAsync(email);
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);

        var response = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Board, estateId = rokkeveen });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var assignmentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        app.ForgetToken(email);
        var me = await (await app.ClientForAsync(email)).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Contains(me.GetProperty("estates").EnumerateArray(), e => e.GetProperty("id").GetGuid() == rokkeveen && e.GetProperty("role").GetString() == Roles.Board);

        var again = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Board, estateId = rokkeveen });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var revoked = await oov.DeleteAsync($"/api/members/{memberId}/roles/{assignmentId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == assignmentId)));
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "member.role-revoked" && a.Object == $"member:{memberId}"));
        Assert.Contains($"estate={rokkeveen}", entry.Detail, StringComparison.Ordinal);

        app.ForgetToken(email);
        me = await (await app.ClientForAsync(email)).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.DoesNotContain(me.GetProperty("estates").EnumerateArray(), e => e.GetProperty("role").GetString() == Roles.Board);

        Assert.Equal(HttpStatusCode.NotFound, (await oov.DeleteAsync($"/api/members/{memberId}/roles/{assignmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_other_tenants_OOV_gets_404_for_a_member_and_changes_nothing()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Ez, null));
        var memberId = await MemberIdAsync(email);
        var assignment = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.MemberId == memberId).Select(r => r.Id).SingleAsync());
        var pijnacker = await app.ClientForAsync(Admin.OovPijnacker);

        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Ro })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.DeleteAsync($"/api/members/{memberId}/roles/{assignment}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoleAssignments.CountAsync(r => r.MemberId == memberId)));
    }

    [Fact]
    public async Task Only_the_platform_administrator_grants_platform_administration()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await MemberIdAsync(email);
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        Assert.Equal(HttpStatusCode.Forbidden, (await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.PlatformAdmin })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.IgnoreQueryFilters().AnyAsync(r => r.MemberId == memberId)));

        var admin = await app.ClientForAsync(Admin.Platform);
        var granted = await admin.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.PlatformAdmin });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var id = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Nor can the OOV take it away again: platform roles are out of a tenant's reach.
        Assert.Equal(HttpStatusCode.Forbidden, (await oov.DeleteAsync($"/api/members/{memberId}/roles/{id}")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.RoleAssignments.IgnoreQueryFilters().AnyAsync(r => r.Id == id)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/members/{memberId}/roles/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_platform_administrator_assigns_roles_in_any_tenant()
    {
        var email = await app.CreateMemberAsync("pijnacker-nootdorp");
        var memberId = await MemberIdAsync(email);
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var admin = await app.ClientForAsync(Admin.Platform);
        var response = await admin.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Entrepreneur, estateId = boezem });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pijnacker = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "pijnacker-nootdorp").Select(t => t.Id).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "member.role-assigned" && a.Object == $"member:{memberId}" && a.TenantId == pijnacker)));
    }

    [Fact]
    public async Task An_estate_of_another_tenant_is_a_400_naming_estateId()
    {
        var email = await app.CreateMemberAsync();
        var memberId = await MemberIdAsync(email);
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        foreach (var caller in new[] { Admin.OovZoetermeer, Admin.Platform })
        {
            var client = await app.ClientForAsync(caller);
            var response = await client.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Entrepreneur, estateId = boezem });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Admin.AssertNamesField(await Admin.ProblemAsync(response), "estateId");
        }

        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.MemberId == memberId)));
    }

    [Theory]
    [InlineData("burgemeester", false, "role")]
    [InlineData("", false, "role")]
    [InlineData("board", false, "estateId")]
    [InlineData("ez", true, "estateId")]
    public async Task An_unknown_role_or_a_missing_or_superfluous_estate_is_a_400(string role, bool withEstate, string field)
    {
        var email = await app.CreateMemberAsync();
        var memberId = await MemberIdAsync(email);
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var oov = await app.ClientForAsync(Admin.OovZoetermeer);
        var response = await oov.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role, estateId = withEstate ? lansinghage : (Guid?)null });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Admin.AssertNamesField(await Admin.ProblemAsync(response), field);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.MemberId == memberId)));
    }

    [Fact]
    public async Task An_entrepreneur_gets_403_and_anonymous_401_from_the_role_api()
    {
        var email = await app.CreateMemberAsync(roles: (Roles.Ez, null));
        var memberId = await MemberIdAsync(email);
        var assignment = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.MemberId == memberId).Select(r => r.Id).SingleAsync());
        var entrepreneur = await app.ClientForAsync(Admin.Entrepreneur);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Oov })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.DeleteAsync($"/api/members/{memberId}/roles/{assignment}")).StatusCode);
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/members/{memberId}/roles", new { role = Roles.Oov })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/members/{memberId}/roles/{assignment}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoleAssignments.CountAsync(r => r.MemberId == memberId)));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class RoleAssignmentTestsOnSqlite(SqliteApp app) : RoleAssignmentTests(app);

[Collection(PostgresApp.Collection)]
public sealed class RoleAssignmentTestsOnPostgres(PostgresApp app) : RoleAssignmentTests(app);
