using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pps.Tests.Infrastructure;
using Pps.Tests.Vetting;
using Pps.Web.Features.MemberDirectory;

namespace Pps.Tests.DirectoryListing;

public abstract class AnonymityTests(PpsApp app)
{
    private static JsonElement Estate(JsonElement[] list, string name) => list.Single(e => e.GetProperty("name").GetString() == name);

    [Fact]
    public async Task EZ_and_OOV_see_every_estate_with_consistent_figures()
    {
        foreach (var who in new[] { "ez@zoetermeer.demo", "oov@zoetermeer.demo" })
        {
            var list = await (await app.ClientForAsync(who)).GetFromJsonAsync<JsonElement[]>("/api/anonymity");
            Assert.Equal(5, list!.Length);
            Assert.All(list, e =>
            {
                var units = e.GetProperty("units").GetInt32();
                Assert.True(units > 0);
                Assert.Equal(units, e.GetProperty("known").GetInt32() + e.GetProperty("vacant").GetInt32());
                Assert.True(e.GetProperty("vetted").GetInt32() <= e.GetProperty("known").GetInt32());
                Assert.Equal(units, e.GetProperty("dots").GetArrayLength());
                Assert.True(e.GetProperty("outline").GetArrayLength() >= 4);
            });
        }
    }

    [Fact]
    public async Task A_board_sees_only_its_own_estate_others_are_refused_and_another_tenant_finds_nothing()
    {
        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var own = await board.GetFromJsonAsync<JsonElement[]>("/api/anonymity");
        Assert.Equal("Lansinghage", Assert.Single(own!).GetProperty("name").GetString());
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/api/anonymity?estateId={rokkeveen}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync("/api/anonymity")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("politie@zoetermeer.demo")).GetAsync("/api/anonymity")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/anonymity")).StatusCode);

        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");
        var lansinghage = await app.EstateIdAsync("lansinghage");
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.GetAsync($"/api/anonymity?estateId={lansinghage}")).StatusCode);
        var theirs = await pijnacker.GetFromJsonAsync<JsonElement[]>("/api/anonymity");
        Assert.Equal("Boezem-Oost", Assert.Single(theirs!).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Vetting_an_occupant_raises_the_estates_vetted_share_and_the_trend_keeps_last_month()
    {
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var b = await app.NewBusinessAsync("zoeterhage");
        var before = Estate((await ez.GetFromJsonAsync<JsonElement[]>("/api/anonymity"))!, "Zoeterhage");
        await app.RunJobAsync<AnonymitySnapshotJob>();

        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", b.ManualCheck())).StatusCode);
        var voucher1 = (await app.NewBusinessAsync("zoeterhage", Pps.Web.Features.Members.VettingLevel.Vetted)).Email;
        var voucher2 = (await app.NewBusinessAsync("zoeterhage", Pps.Web.Features.Members.VettingLevel.Vetted)).Email;
        await (await app.ClientForAsync(voucher1)).PostAsync($"/api/vetting/{b.MemberId}/vouch", null);
        await (await app.ClientForAsync(voucher2)).PostAsync($"/api/vetting/{b.MemberId}/vouch", null);
        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsJsonAsync($"/api/vetting/{b.MemberId}/confirm", new { })).StatusCode);

        var after = Estate((await ez.GetFromJsonAsync<JsonElement[]>("/api/anonymity"))!, "Zoeterhage");
        // The two vouchers' units were added vetted as well: three more vetted units, two more units in all.
        Assert.Equal(before.GetProperty("vetted").GetInt32() + 3, after.GetProperty("vetted").GetInt32());
        Assert.Equal(before.GetProperty("units").GetInt32() + 2, after.GetProperty("units").GetInt32());
        Assert.True(after.GetProperty("shareVetted").GetDouble() > before.GetProperty("shareVetted").GetDouble());

        var month = before.GetProperty("trend").EnumerateArray().Last().GetProperty("month").GetString();
        app.Clock.Advance(TimeSpan.FromDays(32));
        app.ForgetTokens();
        var next = Estate((await (await app.ClientForAsync("ez@zoetermeer.demo")).GetFromJsonAsync<JsonElement[]>("/api/anonymity"))!, "Zoeterhage");
        var trend = next.GetProperty("trend").EnumerateArray().ToList();
        var stored = trend.Single(t => t.GetProperty("month").GetString() == month);
        Assert.Equal(before.GetProperty("vetted").GetInt32(), stored.GetProperty("vetted").GetInt32());
        Assert.NotEqual(month, trend.Last().GetProperty("month").GetString());
    }
}

[Collection(SqliteApp.Collection)]
public sealed class AnonymityTestsOnSqlite(SqliteApp app) : AnonymityTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AnonymityTestsOnPostgres(PostgresApp app) : AnonymityTests(app);
