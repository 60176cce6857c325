using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Vetting;

public abstract class VettingTests(PpsApp app)
{
    private const string Ez = "ez@zoetermeer.demo";
    private const string Board = "bestuur.lansinghage@zoetermeer.demo";
    private const string Vetted = "ondernemer.lansinghage@zoetermeer.demo";

    private async Task<HttpResponseMessage> VerifyAsync(TestBusiness b, string by = Ez)
        => await (await app.ClientForAsync(by)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", b.ManualCheck());

    private async Task<HttpResponseMessage> VouchAsync(Guid memberId, string by)
        => await (await app.ClientForAsync(by)).PostAsync($"/api/vetting/{memberId}/vouch", null);

    private async Task<HttpResponseMessage> ConfirmAsync(Guid memberId, string by = Ez)
        => await (await app.ClientForAsync(by)).PostAsJsonAsync($"/api/vetting/{memberId}/confirm", new { note = "Spoke with the owner." });

    private async Task<TestBusiness> VettedBusinessAsync()
    {
        var b = await app.NewBusinessAsync();
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VouchAsync(b.MemberId, Board)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(b.MemberId)).StatusCode);
        return b;
    }

    [Fact]
    public async Task A_member_goes_from_registered_to_vetted_with_every_step_recorded_and_sees_nothing_missing()
    {
        var b = await app.NewBusinessAsync();
        var own = await app.ClientForAsync(b.Email);
        var before = await own.GetFromJsonAsync<JsonElement>("/api/vetting/me");
        Assert.Equal("registered", before.GetProperty("level").GetString());
        Assert.Equal(["kvk-check", "vouches", "ez-confirmation"], before.GetProperty("missing").EnumerateArray().Select(e => e.GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(b)).StatusCode);
        var voucherA = (await app.NewBusinessAsync(level: VettingLevel.Vetted)).Email;
        var first = await (await VouchAsync(b.MemberId, voucherA)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(first.GetProperty("sufficient").GetBoolean());
        Assert.Equal(VettingLevel.Verified, await app.LevelAsync(b.MemberId));
        var second = await (await VouchAsync(b.MemberId, Vetted)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(second.GetProperty("sufficient").GetBoolean());
        Assert.Equal(VettingLevel.Vouched, await app.LevelAsync(b.MemberId));
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(b.MemberId)).StatusCode);

        var after = await own.GetFromJsonAsync<JsonElement>("/api/vetting/me");
        Assert.Equal("vetted", after.GetProperty("level").GetString());
        Assert.Empty(after.GetProperty("missing").EnumerateArray());
        Assert.Equal(JsonValueKind.String, after.GetProperty("expiresAt").ValueKind);
        var steps = after.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["verified", "vouched", "vetted"], steps.Select(s => s.GetProperty("kind").GetString()!).ToArray());
        Assert.Contains(b.BranchNumber, steps[0].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Contains("Erik Zandbergen", steps[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains("Olaf Ondernemer", steps[1].GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, after.GetProperty("vouches").GetArrayLength());

        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Object == $"member:{b.MemberId}").Select(a => a.Action).ToListAsync());
        Assert.Contains("vetting.verified", audit);
        Assert.Contains("vetting.vouched", audit);
        Assert.Contains("vetting.vetted", audit);
        var vettedSince = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Id == b.MemberId)).VettedSince);
        Assert.NotNull(vettedSince);
    }

    [Fact]
    public async Task One_vouch_by_a_board_member_of_the_estate_suffices()
    {
        var b = await app.NewBusinessAsync();
        await VerifyAsync(b);
        var outcome = await (await VouchAsync(b.MemberId, Board)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(outcome.GetProperty("sufficient").GetBoolean());
        Assert.Equal(VettingLevel.Vouched, await app.LevelAsync(b.MemberId));
    }

    [Theory]
    [InlineData("kvkNumber")]
    [InlineData("branchNumber")]
    [InlineData("address")]
    [InlineData("postalCode")]
    public async Task Verification_with_data_that_does_not_match_the_unit_is_a_400_and_changes_nothing(string field)
    {
        var b = await app.NewBusinessAsync();
        object body = field switch
        {
            "kvkNumber" => new { kvkNumber = "12345678", branchNumber = b.BranchNumber, street = b.Street, houseNumber = b.HouseNumber, postalCode = b.PostalCode },
            "branchNumber" => new { kvkNumber = b.KvkNumber, branchNumber = "123456789012", street = b.Street, houseNumber = b.HouseNumber, postalCode = b.PostalCode },
            "address" => new { kvkNumber = b.KvkNumber, branchNumber = b.BranchNumber, street = b.Street, houseNumber = "1", postalCode = b.PostalCode },
            _ => new { kvkNumber = b.KvkNumber, branchNumber = b.BranchNumber },
        };
        var response = await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        Assert.False(await app.WithDbAsync(db => db.VettingSteps.AnyAsync(s => s.MemberId == b.MemberId)));
    }

    [Fact]
    public async Task A_malformed_KvK_number_is_a_400_naming_the_field()
    {
        var b = await app.NewBusinessAsync();
        var response = await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/verify", new { kvkNumber = "12ab", branchNumber = b.BranchNumber });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kvkNumber", out _));
    }

    [Fact]
    public async Task Only_EZ_verifies_and_confirms()
    {
        var b = await app.NewBusinessAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(b, by: Board)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(b, by: "oov@zoetermeer.demo")).StatusCode);
        await VerifyAsync(b);
        await VouchAsync(b.MemberId, Board);
        Assert.Equal(HttpStatusCode.Forbidden, (await ConfirmAsync(b.MemberId, by: Board)).StatusCode);
        Assert.Equal(VettingLevel.Vouched, await app.LevelAsync(b.MemberId));
    }

    [Fact]
    public async Task Every_transition_out_of_order_is_refused_with_409()
    {
        var b = await app.NewBusinessAsync();
        // Registered: no vouch, no confirmation.
        Assert.Equal(HttpStatusCode.Conflict, (await VouchAsync(b.MemberId, Board)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(b.MemberId)).StatusCode);
        await VerifyAsync(b);
        // Verified: not again, and no confirmation before the vouches.
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(b.MemberId)).StatusCode);
        await VouchAsync(b.MemberId, Board);
        // Vouched: no second verification, no more vouches.
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VouchAsync(b.MemberId, Vetted)).StatusCode);
        await ConfirmAsync(b.MemberId);
        // Vetted: nothing moves it forward any more.
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(b.MemberId)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VouchAsync(b.MemberId, Vetted)).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.VettingSteps.CountAsync(s => s.MemberId == b.MemberId)));
    }

    [Fact]
    public async Task Nobody_vouches_for_themselves()
    {
        var self = await VettedBusinessAsync();
        var response = await VouchAsync(self.MemberId, self.Email);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("memberId", out _));
    }

    [Fact]
    public async Task Vouching_across_tenants_or_estates_is_not_found_and_unvetted_members_cannot_vouch()
    {
        var b = await app.NewBusinessAsync();
        await VerifyAsync(b);
        var otherTenant = await app.CreateMemberAsync("pijnacker-nootdorp", VettingLevel.Vetted, (Roles.Entrepreneur, "boezem-oost"));
        Assert.Equal(HttpStatusCode.NotFound, (await VouchAsync(b.MemberId, otherTenant)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await VouchAsync(b.MemberId, "ondernemer.rokkeveen@zoetermeer.demo")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VouchAsync(b.MemberId, "nieuw.lansinghage@zoetermeer.demo")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Vouches.AnyAsync(v => v.MemberId == b.MemberId)));

        var pijnackerMember = await app.NewBusinessAsync("boezem-oost", tenantSlug: "pijnacker-nootdorp");
        Assert.Equal(HttpStatusCode.NotFound, (await VerifyAsync(pijnackerMember)).StatusCode);
    }

    [Fact]
    public async Task A_second_vouch_by_the_same_member_is_refused()
    {
        var b = await app.NewBusinessAsync();
        await VerifyAsync(b);
        Assert.Equal(HttpStatusCode.OK, (await VouchAsync(b.MemberId, Vetted)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await VouchAsync(b.MemberId, Vetted)).StatusCode);
        Assert.Equal(VettingLevel.Verified, await app.LevelAsync(b.MemberId));
    }

    [Fact]
    public async Task When_a_voucher_loses_vetted_status_the_vouch_is_marked_and_the_dependent_goes_back_to_verified()
    {
        var voucherA = await VettedBusinessAsync();
        var voucherB = await VettedBusinessAsync();
        var dependent = await app.NewBusinessAsync();
        await VerifyAsync(dependent);
        await VouchAsync(dependent.MemberId, voucherA.Email);
        await VouchAsync(dependent.MemberId, voucherB.Email);
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(dependent.MemberId)).StatusCode);
        var second = await app.NewBusinessAsync();
        await VerifyAsync(second);
        await VouchAsync(second.MemberId, dependent.Email);
        await VouchAsync(second.MemberId, Vetted);
        Assert.Equal(VettingLevel.Vouched, await app.LevelAsync(second.MemberId));

        var suspend = await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/vetting/{voucherA.MemberId}/suspend", new { reason = "Under investigation." });
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);

        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(voucherA.MemberId));
        Assert.Equal(VettingLevel.Verified, await app.LevelAsync(dependent.MemberId));
        // The cascade: the dependent was vetted and vouched for a third member, who is re-examined too.
        Assert.Equal(VettingLevel.Verified, await app.LevelAsync(second.MemberId));
        var marked = await app.WithDbAsync(db => db.Vouches.SingleAsync(v => v.MemberId == dependent.MemberId && v.VoucherId == voucherA.MemberId));
        Assert.NotNull(marked.InvalidatedAt);
        var stillValid = await app.WithDbAsync(db => db.Vouches.SingleAsync(v => v.MemberId == dependent.MemberId && v.VoucherId == voucherB.MemberId));
        Assert.Null(stillValid.InvalidatedAt);
        var progress = await (await app.ClientForAsync(dependent.Email)).GetFromJsonAsync<JsonElement>("/api/vetting/me");
        Assert.Equal("reexamined", progress.GetProperty("steps").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Contains(progress.GetProperty("vouches").EnumerateArray(), v => !v.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_board_member_suspends_a_member_of_their_estate_who_is_told_by_email()
    {
        var b = await VettedBusinessAsync();
        var response = await (await app.ClientForAsync(Board)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "Refused entry to the inspectors." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        var me = await (await app.ClientForAsync(b.Email)).GetFromJsonAsync<JsonElement>("/api/vetting/me");
        Assert.Equal("Refused entry to the inspectors.", me.GetProperty("suspendedReason").GetString());
        Assert.Contains("suspended", me.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "vetting.suspended" && a.Object == $"member:{b.MemberId}")));

        await app.RunJobAsync<SendQueuedEmailJob>();
        var mail = Assert.Single(app.Smtp.To(b.Email));
        Assert.Contains("Refused entry to the inspectors.", mail.TextBody, StringComparison.Ordinal);

        // Suspended: EZ cannot simply verify again.
        Assert.Equal(HttpStatusCode.Conflict, (await VerifyAsync(b)).StatusCode);
    }

    [Fact]
    public async Task Members_who_govern_nothing_cannot_suspend_and_a_suspension_needs_a_reason()
    {
        var b = await VettedBusinessAsync();
        var plain = await (await app.ClientForAsync(Vetted)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        var otherBoard = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Board, "rokkeveen"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(otherBoard)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "" })).StatusCode);
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));
    }

    [Fact]
    public async Task A_board_member_lifts_their_suspension_the_member_is_vetted_again_until_the_original_expiry_and_is_told()
    {
        var b = await VettedBusinessAsync();
        var (confirmedAt, expiresBefore) = await app.WithDbAsync(async db => (
            (await db.VettingSteps.Where(s => s.MemberId == b.MemberId && s.Kind == VettingStepKind.Vetted).ToListAsync()).Max(s => s.At),
            (await db.VettingRecords.SingleAsync(r => r.MemberId == b.MemberId)).ExpiresAt!.Value));
        var board = await app.ClientForAsync(Board);
        Assert.Equal(HttpStatusCode.OK, (await board.PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "Unpaid contribution." })).StatusCode);

        var lifted = await board.PostAsJsonAsync($"/api/vetting/{b.MemberId}/lift-suspension", new { note = "Contribution paid." });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        var progress = await lifted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("suspendedAt").ValueKind);
        Assert.Equal("reinstated", progress.GetProperty("steps").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));
        var (member, record) = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Id == b.MemberId), await db.VettingRecords.SingleAsync(r => r.MemberId == b.MemberId)));
        Assert.Equal(expiresBefore, record.ExpiresAt);
        Assert.Equal(confirmedAt, member.VettedSince);
        Assert.Null(record.SuspendedReason);
        var step = await app.WithDbAsync(db => db.VettingSteps.Where(s => s.MemberId == b.MemberId).OrderByDescending(s => s.Id).FirstAsync());
        Assert.Equal(VettingStepKind.Reinstated, step.Kind);
        Assert.Equal("Bart Bestuurder", step.ActorName);
        Assert.Contains("Contribution paid.", step.Evidence, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "vetting.reinstated" && a.Object == $"member:{b.MemberId}")));

        await app.RunJobAsync<SendQueuedEmailJob>();
        Assert.Contains(app.Smtp.To(b.Email), m => m.Subject?.Contains("opgeheven", StringComparison.Ordinal) == true && m.TextBody?.Contains("Contribution paid.", StringComparison.Ordinal) == true);

        // Back in the directory at once.
        var page = await (await app.ClientForAsync(Vetted)).GetFromJsonAsync<JsonElement>($"/api/directory?estateId={b.EstateId}&q={b.KvkNumber}");
        Assert.Contains(page.GetProperty("entries").EnumerateArray(), e => e.GetProperty("memberId").GetGuid() == b.MemberId);
    }

    [Fact]
    public async Task Only_governors_lift_a_suspension_a_board_cannot_lift_what_EZ_imposed_and_a_lift_needs_a_note()
    {
        var b = await VettedBusinessAsync();
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "Under investigation." })).StatusCode);
        var url = $"/api/vetting/{b.MemberId}/lift-suspension";
        var note = new { note = "Cleared." };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Vetted)).PostAsJsonAsync(url, note)).StatusCode);
        var otherBoard = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Board, "rokkeveen"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(otherBoard)).PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("oov@pijnacker.demo")).PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("oov@zoetermeer.demo")).PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Board)).PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync(url, new { note = "" })).StatusCode);
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        Assert.False(await app.WithDbAsync(db => db.VettingSteps.AnyAsync(s => s.MemberId == b.MemberId && s.Kind == VettingStepKind.Reinstated)));

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync(url, note)).StatusCode);
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync(url, note)).StatusCode);
    }

    [Fact]
    public async Task Lifting_the_suspension_of_a_verified_member_gives_back_verified_not_more()
    {
        var b = await app.NewBusinessAsync();
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Board)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/suspend", new { reason = "Wrong address given." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Board)).PostAsJsonAsync($"/api/vetting/{b.MemberId}/lift-suspension", new { note = "Address corrected." })).StatusCode);
        Assert.Equal(VettingLevel.Verified, await app.LevelAsync(b.MemberId));
        Assert.Null(await app.WithDbAsync(async db => (await db.VettingRecords.SingleAsync(r => r.MemberId == b.MemberId)).ExpiresAt));
    }

    [Fact]
    public async Task Vetting_endpoints_refuse_anonymous_callers_and_members_without_a_tenant()
    {
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/vetting/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/vetting/{Guid.NewGuid()}/vouch", null)).StatusCode);
        var admin = await app.ClientForAsync("admin@pps.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/vetting/{Guid.NewGuid()}/verify", new { kvkNumber = "12345678", branchNumber = "123456789012" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/vetting/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("nieuw.lansinghage@zoetermeer.demo")).GetAsync("/api/vetting/queue")).StatusCode);
    }

    [Fact]
    public async Task EZ_sees_members_awaiting_vetting_and_a_vetted_member_sees_verified_members_of_their_estate()
    {
        var b = await app.NewBusinessAsync();
        var ezQueue = await (await app.ClientForAsync(Ez)).GetFromJsonAsync<JsonElement[]>("/api/vetting/queue");
        Assert.Contains(ezQueue!, c => c.GetProperty("memberId").GetGuid() == b.MemberId);
        var memberQueue = await (await app.ClientForAsync(Vetted)).GetFromJsonAsync<JsonElement[]>("/api/vetting/queue");
        Assert.DoesNotContain(memberQueue!, c => c.GetProperty("memberId").GetGuid() == b.MemberId);
        await VerifyAsync(b);
        memberQueue = await (await app.ClientForAsync(Vetted)).GetFromJsonAsync<JsonElement[]>("/api/vetting/queue");
        Assert.Contains(memberQueue!, c => c.GetProperty("memberId").GetGuid() == b.MemberId);
        var rokkeveen = await (await app.ClientForAsync("ondernemer.rokkeveen@zoetermeer.demo")).GetFromJsonAsync<JsonElement[]>("/api/vetting/queue");
        Assert.DoesNotContain(rokkeveen!, c => c.GetProperty("memberId").GetGuid() == b.MemberId);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class VettingTestsOnSqlite(SqliteApp app) : VettingTests(app);

[Collection(PostgresApp.Collection)]
public sealed class VettingTestsOnPostgres(PostgresApp app) : VettingTests(app);
