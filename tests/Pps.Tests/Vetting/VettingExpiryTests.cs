using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Tests.Vetting;

/// <summary>
/// Expiry moves the clock a year and runs the expiry job over every tenant, which expires the demo accounts too
/// (they have vetting records like anyone else). So these tests get a hub of their own, not the shared fixture.
/// </summary>
public abstract class VettingExpiryTests(PpsApp app)
{
    private const string Ez = "ez@zoetermeer.demo";

    private async Task<TestBusiness> VettedBusinessAsync()
    {
        // Vouched by two fresh vetted members, not by a demo account that may itself expire during the test.
        var b = await app.NewBusinessAsync();
        var ez = await app.ClientForAsync(Ez);
        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", b.ManualCheck())).StatusCode);
        foreach (var voucher in new[] { await app.NewBusinessAsync(level: VettingLevel.Vetted), await app.NewBusinessAsync(level: VettingLevel.Vetted) })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(voucher.Email)).PostAsync($"/api/vetting/{b.MemberId}/vouch", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsJsonAsync($"/api/vetting/{b.MemberId}/confirm", new { note = "Spoke with the owner." })).StatusCode);
        return b;
    }

    [Fact]
    public async Task Vetted_status_expires_after_the_configured_period_with_one_reminder_a_month_before()
    {
        var b = await VettedBusinessAsync();
        var expires = await app.WithDbAsync(async db => (await db.VettingRecords.SingleAsync(r => r.MemberId == b.MemberId)).ExpiresAt!.Value);
        Assert.InRange(expires - app.Clock.GetUtcNow(), TimeSpan.FromDays(364), TimeSpan.FromDays(366));

        app.Clock.Advance(expires - app.Clock.GetUtcNow() - TimeSpan.FromDays(29));
        app.ForgetTokens();
        await app.RunJobAsync<VettingExpiryJob>();
        await app.RunJobAsync<VettingExpiryJob>();
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.To == b.Email && e.Purpose!.StartsWith("vetting-expiry:"))));
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));

        app.Clock.Advance(TimeSpan.FromDays(30));
        app.ForgetTokens();
        await app.RunJobAsync<VettingExpiryJob>();
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        var last = await app.WithDbAsync(db => db.VettingSteps.Where(s => s.MemberId == b.MemberId).OrderByDescending(s => s.Id).FirstAsync());
        Assert.Equal(VettingStepKind.Expired, last.Kind);
        Assert.Equal("system", last.ActorName);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "vetting.expired" && a.Object == $"member:{b.MemberId}")));
    }

    [Theory]
    [InlineData("ondernemer.lansinghage@zoetermeer.demo")]
    [InlineData("bestuur.lansinghage@zoetermeer.demo")]
    [InlineData("ondernemer.rokkeveen@zoetermeer.demo")]
    public async Task Demo_vetted_entrepreneurs_have_their_vetting_steps_and_expire_like_anyone_else(string email)
    {
        var memberId = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == email)).Id);
        var steps = await app.WithDbAsync(db => db.VettingSteps.Where(s => s.MemberId == memberId).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal([VettingStepKind.Verified, VettingStepKind.Vouched, VettingStepKind.Vetted], steps.Take(3).Select(s => s.Kind).ToArray());
        Assert.All(steps.Take(3), s => Assert.False(string.IsNullOrWhiteSpace(s.ActorName)));
        Assert.All(steps.Take(3), s => Assert.False(string.IsNullOrWhiteSpace(s.Evidence)));
        Assert.Equal("Erik Zandbergen (EZ accountmanager)", steps[2].ActorName);
        Assert.True(steps[0].At < steps[1].At && steps[1].At < steps[2].At);
        var due = steps[2].At + TimeSpan.FromDays(365);
        var expires = await app.WithDbAsync(async db => (await db.VettingRecords.SingleAsync(r => r.MemberId == memberId)).ExpiresAt);

        // Another test of this hub may already have moved the clock past the expiry and run the job (which clears the
        // expiry date); otherwise move it there now.
        if (expires is not null)
        {
            Assert.Equal(due, expires);
            if (app.Clock.GetUtcNow() <= due)
            {
                app.Clock.Advance(due - app.Clock.GetUtcNow() + TimeSpan.FromHours(1));
                app.ForgetTokens();
            }
        }

        await app.RunJobAsync<VettingExpiryJob>();
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(memberId));
        var expired = await app.WithDbAsync(db => db.VettingSteps.SingleAsync(s => s.MemberId == memberId && s.Kind == VettingStepKind.Expired));
        Assert.True(expired.At >= due);
        Assert.Equal("system", expired.ActorName);
    }
}

public sealed class VettingExpirySqliteApp : PpsApp
{
    public const string Collection = "vetting-expiry-sqlite";

    public override string Provider => "Sqlite";

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);
}

public sealed class VettingExpiryPostgresApp : PpsApp
{
    public const string Collection = "vetting-expiry-postgres";

    public override string Provider => "Postgres";

    protected override async Task<string?> ConnectionStringAsync()
        => await PostgresServer.CreateDatabaseAsync($"pps_{Guid.NewGuid():N}");
}

[CollectionDefinition(VettingExpirySqliteApp.Collection)]
public sealed class VettingExpirySqliteCollection : ICollectionFixture<VettingExpirySqliteApp>;

[CollectionDefinition(VettingExpiryPostgresApp.Collection)]
public sealed class VettingExpiryPostgresCollection : ICollectionFixture<VettingExpiryPostgresApp>;

[Collection(VettingExpirySqliteApp.Collection)]
public sealed class VettingExpiryTestsOnSqlite(VettingExpirySqliteApp app) : VettingExpiryTests(app);

[Collection(VettingExpiryPostgresApp.Collection)]
public sealed class VettingExpiryTestsOnPostgres(VettingExpiryPostgresApp app) : VettingExpiryTests(app);
