using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Vetting;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.DirectoryListing;

/// <summary>
/// Search cuts its page inside the full-text SQL. These tests check the page is cut after the visibility filter, not
/// before: members of other estates, other tenants and unvetted members share the search word and must neither
/// appear nor take places on a page. And that an entry follows a rename at once, without the index job.
/// </summary>
public abstract class DirectorySearchTests(PpsApp app)
{
    private static List<Guid> Ids(JsonElement page) => page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("memberId").GetGuid()).ToList();

    /// <summary>Members straight into the database (no password hashing: they never log in), each with a business and unit whose activity is <paramref name="word"/>.</summary>
    private async Task<List<Guid>> MembersAsync(int count, string word, string tenantSlug, string estateSlug, VettingLevel level)
        => await app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == tenantSlug);
            var estate = await db.Estates.SingleAsync(e => e.TenantId == tenant.Id && e.Slug == estateSlug);
            var now = app.Clock.GetUtcNow();
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var n = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999);
                var org = new Organisation { TenantId = tenant.Id, Kind = OrganisationKind.Business, Name = $"Zoekbedrijf {n} B.V.", Activity = word, SbiCode = "4941", CreatedAt = now };
                db.Organisations.Add(org);
                db.Units.Add(new EstateUnit
                {
                    TenantId = tenant.Id, EstateId = estate.Id, BagId = "8" + n, Street = "Zoekweg", HouseNumber = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    PostalCode = "2718 ZW", City = tenantSlug == "zoetermeer" ? "Zoetermeer" : "Pijnacker", Latitude = 52.05, Longitude = 4.45, OccupantOrganisationId = org.Id, CreatedAt = now,
                });
                var email = $"z{Guid.NewGuid():N}@test.demo";
                var member = new Member
                {
                    Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), DisplayName = $"Zoeker {i:D2} {n}", TenantId = tenant.Id, OrganisationId = org.Id,
                    VettingLevel = level, VettedSince = level == VettingLevel.Vetted ? now : null, CreatedAt = now,
                };
                db.Members.Add(member);
                db.RoleAssignments.Add(new RoleAssignment { TenantId = tenant.Id, MemberId = member.Id, Role = Roles.Entrepreneur, EstateId = estate.Id, AssignedAt = now });
                ids.Add(member.Id);
            }

            await db.SaveChangesAsync();
            return ids;
        });

    [Fact]
    public async Task Search_pages_through_every_visible_match_once_and_invisible_matches_take_no_place_on_a_page()
    {
        var word = "zoekwoord" + Guid.NewGuid().ToString("N")[..10];
        // Invisible ones first, so an engine that cut the page before filtering would fill page one with them.
        var unvetted = await MembersAsync(3, word, "zoetermeer", "hoornwijck", VettingLevel.Registered);
        var otherTenant = await MembersAsync(3, word, "pijnacker-nootdorp", "boezem-oost", VettingLevel.Vetted);
        var otherEstate = await MembersAsync(3, word, "zoetermeer", "zoeterhage", VettingLevel.Vetted);
        var visible = await MembersAsync(53, word, "zoetermeer", "hoornwijck", VettingLevel.Vetted);
        var caller = await app.NewBusinessAsync("hoornwijck", level: VettingLevel.Vetted);
        await app.RunJobAsync<DirectoryIndexJob>();

        var client = await app.ClientForAsync(caller.Email);
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}");
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}&page=2");
        var third = await client.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}&page=3");
        Assert.Equal(50, Ids(first).Count);
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.Equal(3, Ids(second).Count);
        Assert.False(second.GetProperty("hasMore").GetBoolean());
        Assert.Empty(Ids(third));
        var all = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(visible.Order(), all.Order());

        // Staff see every estate of their tenant, still not the other tenant nor the unvetted.
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var staff = Ids(await ez.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}")).Concat(Ids(await ez.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}&page=2"))).ToList();
        Assert.Equal(visible.Concat(otherEstate).Order(), staff.Order());
        Assert.DoesNotContain(staff, otherTenant.Contains);
        Assert.DoesNotContain(staff, unvetted.Contains);

        // Two words narrow the same search; the estate filter narrows it further.
        var hoornwijck = await app.EstateIdAsync("hoornwijck");
        var narrowed = Ids(await ez.GetFromJsonAsync<JsonElement>($"/api/directory?q={word}%20zoeker%2007&estateId={hoornwijck}"));
        Assert.Equal(visible[7], Assert.Single(narrowed));
    }

    [Fact]
    public async Task A_renamed_member_and_a_renamed_business_are_found_by_the_new_name_at_once()
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        await app.RunJobAsync<DirectoryIndexJob>();
        var searcher = await app.ClientForAsync("ez@zoetermeer.demo");
        var newName = "Hernoemd" + Guid.NewGuid().ToString("N")[..8];

        var own = await app.ClientForAsync(b.Email);
        var profile = await own.PutAsJsonAsync("/api/me/profile", new { displayName = $"{newName} Persoon", phoneNumber = (string?)null, culture = "nl", sharePhone = false, shareEmail = false });
        Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync());
        Assert.Equal([b.MemberId], Ids(await searcher.GetFromJsonAsync<JsonElement>($"/api/directory?q={newName}")));

        var business = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Id == b.MemberId)).OrganisationId!.Value);
        var newBusiness = "Omgedoopt" + Guid.NewGuid().ToString("N")[..8];
        var admin = await app.ClientForAsync("oov@zoetermeer.demo");
        var update = await admin.PutAsJsonAsync($"/api/organisations/{business}", new { kind = "Business", name = $"{newBusiness}-Transport B.V.", kvkNumber = b.KvkNumber, branchNumber = b.BranchNumber, sbiCode = "4941", activity = "Goederenvervoer over de weg" });
        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
        Assert.Equal([b.MemberId], Ids(await searcher.GetFromJsonAsync<JsonElement>($"/api/directory?q={newBusiness}")));
        // Punctuation joins nothing: the hyphenated name and "B.V." are found word by word (PostgreSQL's parser alone would keep them whole).
        Assert.Equal([b.MemberId], Ids(await searcher.GetFromJsonAsync<JsonElement>($"/api/directory?q={newBusiness}%20transport%20b.v.")));
        Assert.Equal([b.MemberId], Ids(await searcher.GetFromJsonAsync<JsonElement>($"/api/directory?q={newBusiness}-Transport%20B.V")));
        Assert.Empty(Ids(await searcher.GetFromJsonAsync<JsonElement>($"/api/directory?q=Proefbedrijf%20{b.KvkNumber}")));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DirectorySearchTestsOnSqlite(SqliteApp app) : DirectorySearchTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DirectorySearchTestsOnPostgres(PostgresApp app) : DirectorySearchTests(app);
