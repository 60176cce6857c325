using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;

namespace Pps.Tests.Onboarding;

public abstract class OnboardingTests(PpsApp app)
{
    private const string Board = "bestuur.lansinghage@zoetermeer.demo";

    [Fact]
    public async Task The_steps_of_a_new_entrepreneur_complete_themselves_as_the_facts_become_true()
    {
        var email = await app.CreateMemberAsync(vetting: VettingLevel.Registered, roles: [("entrepreneur", "lansinghage")]);
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == memberId);
            m.EmailConfirmed = false;
            await db.SaveChangesAsync();
        });
        var client = await app.ClientForAsync(email);

        var steps = await StepsAsync(client);
        Assert.False(steps["confirmEmail"]);
        Assert.False(steps["kvkAndBranch"]);
        Assert.False(steps["linkUnit"]);
        Assert.False(steps["mustReads"]);
        Assert.False(steps["meetAssociation"]);
        Assert.False(steps["getVetted"]);
        Assert.True(steps["knowContacts"]); // the checklist itself shows them
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/onboarding/me");
        Assert.Contains(mine.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("role").GetString() == "police" && c.GetProperty("email").GetString() == "politie@zoetermeer.demo");
        Assert.Contains(mine.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("role").GetString() == "ez" && c.GetProperty("phone").GetString() is { Length: > 0 });

        // The organisation gets its numbers, then occupies a unit on the estate.
        var estate = await app.EstateIdAsync("lansinghage");
        var organisationId = await app.WithDbAsync(async db =>
        {
            var tenantId = (await db.Members.SingleAsync(m => m.Id == memberId)).TenantId!.Value;
            var organisation = new Organisation { TenantId = tenantId, Name = "Nieuw " + Guid.NewGuid().ToString("N")[..6], Kind = OrganisationKind.Business };
            db.Organisations.Add(organisation);
            var m = await db.Members.SingleAsync(x => x.Id == memberId);
            m.OrganisationId = organisation.Id;
            m.EmailConfirmed = true;
            await db.SaveChangesAsync();
            return organisation.Id;
        });
        steps = await StepsAsync(client);
        Assert.True(steps["confirmEmail"]);
        Assert.False(steps["kvkAndBranch"]);
        await app.WithDbAsync(async db =>
        {
            var o = await db.Organisations.SingleAsync(x => x.Id == organisationId);
            o.KvkNumber = "12345678";
            o.BranchNumber = "000012345678";
            await db.SaveChangesAsync();
        });
        Assert.True((await StepsAsync(client))["kvkAndBranch"]);
        Assert.False((await StepsAsync(client))["linkUnit"]);
        await app.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.EstateId == estate && u.OccupantOrganisationId == null).OrderBy(u => u.BagId).FirstAsync();
            unit.OccupantOrganisationId = organisationId;
            await db.SaveChangesAsync();
        });
        Assert.True((await StepsAsync(client))["linkUnit"]);

        // Must-reads: done only when every current version is confirmed.
        var mustReads = await client.GetFromJsonAsync<JsonElement[]>("/api/library/must-read");
        Assert.NotEmpty(mustReads!);
        foreach (var item in mustReads!)
        {
            Assert.False((await StepsAsync(client))["mustReads"]);
            var r = await client.PostAsJsonAsync($"/api/library/{item.GetProperty("documentId").GetGuid()}/confirm", new { version = item.GetProperty("currentVersion").GetInt32() });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.True((await StepsAsync(client))["mustReads"]);

        // The association: a board member of the estate records the meeting, with who and when.
        var board = await app.ClientForAsync(Board);
        Assert.Equal(HttpStatusCode.OK, (await board.PostAsync($"/api/onboarding/{memberId}/met-association", null)).StatusCode);
        Assert.True((await StepsAsync(client))["meetAssociation"]);
        var recorded = await app.WithDbAsync(db => db.OnboardingProgress.SingleAsync(p => p.MemberId == memberId));
        var boardId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == Board).Select(m => m.Id).SingleAsync());
        Assert.Equal(boardId, recorded.MetAssociationBy);
        Assert.NotNull(recorded.MetAssociationAt);

        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/onboarding/me")).GetProperty("checklist").GetProperty("complete").GetBoolean());
        await app.WithDbAsync(async db =>
        {
            var m = await db.Members.SingleAsync(x => x.Id == memberId);
            m.VettingLevel = VettingLevel.Vetted;
            m.VettedSince = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        });
        var done = await client.GetFromJsonAsync<JsonElement>("/api/onboarding/me");
        Assert.True(done.GetProperty("checklist").GetProperty("complete").GetBoolean());
        Assert.False(StepsOf(done)["twoFactor"]); // recommended, not required
    }

    [Fact]
    public async Task Only_a_board_member_of_the_entrepreneurs_estate_may_record_the_meeting()
    {
        var email = await app.CreateMemberAsync(vetting: VettingLevel.Registered, roles: [("entrepreneur", "lansinghage")]);
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var otherBoard = await app.ClientForAsync(await app.CreateMemberAsync(roles: [("board", "rokkeveen")]));
        Assert.Equal(HttpStatusCode.NotFound, (await otherBoard.PostAsync($"/api/onboarding/{memberId}/met-association", null)).StatusCode);
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PostAsync($"/api/onboarding/{memberId}/met-association", null)).StatusCode);
        var self = await app.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsync($"/api/onboarding/{memberId}/met-association", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync($"/api/onboarding/{memberId}/met-association", null)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.OnboardingProgress.AnyAsync(p => p.MemberId == memberId && p.MetAssociationAt != null)));
    }

    [Fact]
    public async Task The_funnel_shows_who_is_stuck_where_and_moves_when_a_step_completes()
    {
        var email = await app.CreateMemberAsync(vetting: VettingLevel.Registered, roles: [("entrepreneur", "lansinghage")]);
        var memberId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).SingleAsync());
        var estate = await app.EstateIdAsync("lansinghage");
        var board = await app.ClientForAsync(Board);

        var stuck = await StuckAsync(board, estate, memberId);
        Assert.Equal("kvkAndBranch", stuck.GetProperty("step").GetString());
        Assert.False(stuck.GetProperty("metAssociation").GetBoolean());

        // Give the member an organisation with numbers on a unit: the funnel moves on to the must-reads.
        await app.WithDbAsync(async db =>
        {
            var occupant = await db.Units.Where(u => u.EstateId == estate && u.OccupantOrganisationId != null).OrderByDescending(u => u.BagId)
                .Join(db.Organisations.Where(o => o.KvkNumber != null && o.BranchNumber != null), u => u.OccupantOrganisationId, o => o.Id, (u, o) => o.Id).FirstAsync();
            (await db.Members.SingleAsync(m => m.Id == memberId)).OrganisationId = occupant;
            await db.SaveChangesAsync();
        });
        Assert.Equal("mustReads", (await StuckAsync(board, estate, memberId)).GetProperty("step").GetString());

        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var funnel = await ez.GetFromJsonAsync<JsonElement>($"/api/onboarding/funnel?estateId={estate}");
        Assert.True(funnel.GetProperty("entrepreneurs").GetInt32() >= 3);
        Assert.Contains(funnel.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "getVetted");
        Assert.False(funnel.GetProperty("canRecordMeeting").GetBoolean());
    }

    [Fact]
    public async Task The_funnel_is_refused_to_entrepreneurs_other_boards_other_municipalities_and_anonymous_callers()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var url = $"/api/onboarding/funnel?estateId={estate}";
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(await app.CreateMemberAsync(roles: [("board", "rokkeveen")]))).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(await app.CreateMemberAsync("pijnacker-nootdorp", roles: [("ez", null)]))).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("oov@pijnacker.demo")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/onboarding/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientForAsync(Board)).GetAsync("/api/onboarding/funnel")).StatusCode);
    }

    [Fact]
    public async Task Onboarding_is_for_entrepreneurs_only()
    {
        var police = await app.ClientForAsync("politie@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync("/api/onboarding/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/Onboarding")).StatusCode);
    }

    [Fact]
    public async Task The_checklist_is_a_card_on_the_new_entrepreneurs_dashboard_and_a_page_of_its_own()
    {
        var email = await app.CreateMemberAsync(vetting: VettingLevel.Registered, roles: [("entrepreneur", "lansinghage")]);
        var client = await app.ClientForAsync(email);
        var dashboard = await client.GetStringAsync("/Dashboard");
        Assert.Contains("dashboard-onboarding", dashboard);
        Assert.Contains("dashboard-must-read", dashboard);
        var page = await client.GetStringAsync("/Onboarding");
        Assert.Contains("data-step=\"MustReads\"", page);
        Assert.Contains("politie@zoetermeer.demo", page);
        var funnel = await (await app.ClientForAsync(Board)).GetStringAsync("/Onboarding/Funnel");
        Assert.Contains("Test " + email[..8], funnel);
    }

    private static async Task<JsonElement> StuckAsync(HttpClient client, Guid estate, Guid memberId)
    {
        var funnel = await client.GetFromJsonAsync<JsonElement>($"/api/onboarding/funnel?estateId={estate}");
        return funnel.GetProperty("stuck").EnumerateArray().Single(s => s.GetProperty("memberId").GetGuid() == memberId);
    }

    private static async Task<Dictionary<string, bool>> StepsAsync(HttpClient client)
        => StepsOf(await client.GetFromJsonAsync<JsonElement>("/api/onboarding/me"));

    private static Dictionary<string, bool> StepsOf(JsonElement mine)
        => mine.GetProperty("checklist").GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("done").GetBoolean());
}

[Collection(SqliteApp.Collection)]
public sealed class OnboardingTestsOnSqlite(SqliteApp app) : OnboardingTests(app);

[Collection(PostgresApp.Collection)]
public sealed class OnboardingTestsOnPostgres(PostgresApp app) : OnboardingTests(app);
