using System.Net;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.DirectoryListing;

/// <summary>The server-rendered pages answer, show the right parts per role and refuse who may not see them.</summary>
public abstract class DirectoryPageTests(PpsApp app)
{
    [Theory]
    [InlineData("/Directory", "ondernemer.lansinghage@zoetermeer.demo", "Olaf Ondernemer")]
    [InlineData("/Directory", "nieuw.lansinghage@zoetermeer.demo", "Ondernemersvereniging Lansinghage")]
    [InlineData("/Directory/Consent", "ondernemer.lansinghage@zoetermeer.demo", "share-email")]
    [InlineData("/Directory/Views", "ondernemer.lansinghage@zoetermeer.demo", "<h1>")]
    [InlineData("/Directory/Map", "ez@zoetermeer.demo", "<svg")]
    [InlineData("/Vetting", "nieuw.lansinghage@zoetermeer.demo", "vetting-missing")]
    [InlineData("/Vetting", "ez@zoetermeer.demo", "Nina Nieuw")]
    public async Task Pages_render_for_members_who_may_see_them(string path, string who, string expected)
    {
        var response = await (await app.ClientForAsync(who)).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_page_is_refused_to_plain_members_and_the_verify_page_to_non_EZ()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync("/Directory/Map")).StatusCode);
        var nina = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "nieuw.lansinghage@zoetermeer.demo").Id));
        var oov = await (await app.ClientForAsync("oov@zoetermeer.demo")).GetAsync($"/Vetting/Verify?memberId={nina}");
        Assert.Equal(HttpStatusCode.NotFound, oov.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("ez@zoetermeer.demo")).GetAsync($"/Vetting/Verify?memberId={nina}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync($"/Directory/Member/{Guid.NewGuid()}")).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DirectoryPageTestsOnSqlite(SqliteApp app) : DirectoryPageTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DirectoryPageTestsOnPostgres(PostgresApp app) : DirectoryPageTests(app);
