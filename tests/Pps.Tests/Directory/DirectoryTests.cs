using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Vetting;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Tests.DirectoryListing;

public abstract class DirectoryTests(PpsApp app)
{
    private const string Vetted = "ondernemer.lansinghage@zoetermeer.demo";

    private static IEnumerable<JsonElement> Entries(JsonElement page) => page.GetProperty("entries").EnumerateArray();

    private static bool Lists(JsonElement page, Guid memberId) => Entries(page).Any(e => e.GetProperty("memberId").GetGuid() == memberId);

    /// <summary>Every entry of an estate's directory, page after page: the fixture's estates fill up as tests add members.</summary>
    private static async Task<List<JsonElement>> AllEntriesAsync(HttpClient client, Guid estateId)
    {
        var all = new List<JsonElement>();
        for (var page = 1; page <= 100; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/directory?estateId={estateId}&page={page}");
            all.AddRange(Entries(body));
            if (!body.GetProperty("hasMore").GetBoolean())
            {
                return all;
            }
        }

        throw new InvalidOperationException("More than 100 directory pages.");
    }

    [Fact]
    public async Task A_vetted_member_sees_their_estates_directory_with_contact_fields_only_where_consented()
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        var own = await app.ClientForAsync(b.Email);
        Assert.Equal(HttpStatusCode.OK, (await own.PutAsJsonAsync("/api/directory/consent", new { sharePhone = false, shareEmail = true })).StatusCode);

        var lansinghage = await app.EstateIdAsync("lansinghage");
        var page = await (await app.ClientForAsync(Vetted)).GetFromJsonAsync<JsonElement>($"/api/directory?estateId={lansinghage}");
        Assert.True(page.GetProperty("membersVisible").GetBoolean());
        var all = await AllEntriesAsync(await app.ClientForAsync(Vetted), lansinghage);
        var entry = all.Single(e => e.GetProperty("memberId").GetGuid() == b.MemberId);
        Assert.Equal($"Proefbedrijf {b.KvkNumber} B.V.", entry.GetProperty("business").GetString());
        Assert.Contains("Proefweg", entry.GetProperty("unit").GetString(), StringComparison.Ordinal);
        Assert.Equal(b.Email, entry.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.String, entry.GetProperty("vettedSince").ValueKind);
        Assert.All(all, e => Assert.Equal(lansinghage, e.GetProperty("estateId").GetGuid()));

        // Members not (yet) vetted are not listed.
        Assert.DoesNotContain(all, e => e.GetProperty("person").GetString() == "Nina Nieuw");
    }

    [Fact]
    public async Task Staff_see_every_estate_of_their_tenant()
    {
        var page = await (await app.ClientForAsync("ez@zoetermeer.demo")).GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.Equal(5, page.GetProperty("estates").GetArrayLength());
        Assert.Contains(Entries(page), e => e.GetProperty("person").GetString() == "Roos Rokkeveen");
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("oov@zoetermeer.demo")).GetAsync($"/api/directory?estateId={rokkeveen}")).StatusCode);
    }

    [Fact]
    public async Task An_unvetted_member_sees_only_the_associations_contacts()
    {
        var client = await app.ClientForAsync("nieuw.lansinghage@zoetermeer.demo");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.False(page.GetProperty("membersVisible").GetBoolean());
        Assert.Empty(Entries(page));
        Assert.Contains(page.GetProperty("associations").EnumerateArray(), a => a.GetProperty("name").GetString() == "Ondernemersvereniging Lansinghage");
        var someone = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == Vetted)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/members/{someone}")).StatusCode);
    }

    [Fact]
    public async Task A_member_cannot_see_another_estate_and_another_tenant_sees_nothing()
    {
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var roos = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == "ondernemer.rokkeveen@zoetermeer.demo")).Id);
        var olaf = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == Vetted)).Id);
        var member = await app.ClientForAsync(Vetted);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/directory?estateId={rokkeveen}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/directory/members/{roos}")).StatusCode);
        var all = await member.GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.False(Lists(all, roos));

        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.GetAsync($"/api/directory?estateId={lansinghage}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.GetAsync($"/api/directory/members/{olaf}")).StatusCode);
        var theirs = await pijnacker.GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.DoesNotContain(theirs.GetProperty("estates").EnumerateArray(), e => e.GetProperty("name").GetString() == "Lansinghage");
        Assert.False(Lists(theirs, olaf));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/directory/members/{olaf}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PutAsJsonAsync("/api/directory/consent", new { sharePhone = true, shareEmail = true })).StatusCode);
        var admin = await app.ClientForAsync("admin@pps.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/directory/views")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/directory/consent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/directory")).StatusCode);
    }

    [Fact]
    public async Task Every_view_of_a_members_details_is_audited_and_the_member_sees_who_looked()
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        var viewer = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        var response = await (await app.ClientForAsync(viewer.Email)).GetAsync($"/api/directory/members/{b.MemberId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "directory.viewed" && a.Object == $"member:{b.MemberId}"));
        Assert.Equal(viewer.MemberId, audit.ActorId);

        var views = await (await app.ClientForAsync(b.Email)).GetFromJsonAsync<JsonElement[]>("/api/directory/views");
        var view = Assert.Single(views!);
        Assert.StartsWith("Test ", view.GetProperty("viewer").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Proefbedrijf {viewer.KvkNumber} B.V.", view.GetProperty("organisation").GetString());
        Assert.Empty((await (await app.ClientForAsync(viewer.Email)).GetFromJsonAsync<JsonElement[]>("/api/directory/views"))!);
    }

    [Theory]
    [InlineData("kvk")]
    [InlineData("person")]
    [InlineData("address")]
    [InlineData("activity")]
    [InlineData("sbi")]
    [InlineData("name")]
    public async Task Full_text_search_finds_a_member_by_kvk_number_person_address_activity_and_business_name(string by)
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        await app.RunJobAsync<DirectoryIndexJob>();
        var person = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Id == b.MemberId)).DisplayName);
        var q = by switch
        {
            "kvk" => b.KvkNumber,
            "person" => person.Split(' ')[1],
            "address" => $"proefweg {b.HouseNumber}",
            "activity" => $"{b.KvkNumber} goederenverv", // the last word may be unfinished, as while typing
            "sbi" => $"4941 {b.KvkNumber}",
            _ => $"Proefbedrijf {b.KvkNumber}",
        };
        var page = await (await app.ClientForAsync(Vetted)).GetFromJsonAsync<JsonElement>($"/api/directory?q={Uri.EscapeDataString(q)}");
        Assert.True(Lists(page, b.MemberId), page.ToString());
        if (by is "kvk" or "person")
        {
            Assert.Single(Entries(page));
        }
    }

    [Fact]
    public async Task Search_does_not_reveal_members_outside_the_callers_estates_and_survives_query_syntax()
    {
        var b = await app.NewBusinessAsync("rokkeveen", level: VettingLevel.Vetted);
        await app.RunJobAsync<DirectoryIndexJob>();
        var member = await app.ClientForAsync(Vetted);
        var page = await member.GetFromJsonAsync<JsonElement>($"/api/directory?q={b.KvkNumber}");
        Assert.Empty(Entries(page));
        foreach (var nasty in new[] { "\"", "*", "a OR b NOT", "')--", "NEAR(x y)", "^", "::*&|!" })
        {
            var response = await member.GetAsync($"/api/directory?q={Uri.EscapeDataString(nasty)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync($"/api/directory?q={new string('x', 201)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/directory?page=0")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_or_unvetted_member_disappears_from_the_directory()
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var member = await app.ClientForAsync(Vetted);
        Assert.Contains(await AllEntriesAsync(member, lansinghage), e => e.GetProperty("memberId").GetGuid() == b.MemberId);
        var suspend = await (await app.ClientForAsync("ez@zoetermeer.demo")).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "Test." });
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.DoesNotContain(await AllEntriesAsync(member, lansinghage), e => e.GetProperty("memberId").GetGuid() == b.MemberId);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/directory/members/{b.MemberId}")).StatusCode);
        // And the suspended member sees only the association's contacts.
        var own = await (await app.ClientForAsync(b.Email)).GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.False(own.GetProperty("membersVisible").GetBoolean());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DirectoryTestsOnSqlite(SqliteApp app) : DirectoryTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DirectoryTestsOnPostgres(PostgresApp app) : DirectoryTests(app);
