using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Tests.Vetting;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Features.Vetting;
using Pps.Web.Infrastructure.Auth;

namespace Pps.Tests.DirectoryListing;

/// <summary>
/// The pages for what board members and EZ manage — occupants, the CSV import, suspensions — served without
/// JavaScript: forms posted with their antiforgery token through a cookie session, as a browser would.
/// </summary>
public abstract partial class DirectoryManagementPageTests(PpsApp app)
{
    private const string Board = "bestuur.lansinghage@zoetermeer.demo";
    private const string Vetted = "ondernemer.lansinghage@zoetermeer.demo";
    private const string Ez = "ez@zoetermeer.demo";

    private async Task<PageSession> SessionAsync(string email)
    {
        var session = new PageSession(app);
        Assert.NotNull(await session.LoginAsync(email, DemoData.Password));
        return session;
    }

    private static string Bag() => "7" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/Directory/Units", Board, "id=\"units\"")]
    [InlineData("/Directory/Units", Ez, "Hoornwijck")]
    [InlineData("/Directory/Import", Ez, "type=\"file\"")]
    [InlineData("/Directory/Import", "oov@zoetermeer.demo", "type=\"file\"")]
    [InlineData("/Vetting/Suspensions", Board, "<h1>")]
    [InlineData("/Vetting/Suspensions", Ez, "<h1>")]
    [InlineData("/Directory", Board, "href=\"/Directory/Units\"")]
    [InlineData("/Directory", Ez, "href=\"/Directory/Import\"")]
    [InlineData("/Vetting", Board, "href=\"/Vetting/Suspensions\"")]
    public async Task Management_pages_render_for_those_who_manage(string path, string who, string expected)
    {
        using var session = await SessionAsync(who);
        var (status, html) = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Single(H1().Matches(html));
    }

    [Fact]
    public async Task Management_pages_are_refused_to_members_who_manage_nothing()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var lansinghageUnit = await app.WithDbAsync(async db => (await db.Units.FirstAsync(u => u.EstateId == lansinghage)).Id);
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        using (var member = await SessionAsync(Vetted))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/Directory/Units")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Directory/Occupant/{lansinghageUnit}")).Status);
            await AssertRefusedAsync(member, "/Directory/Import");
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/Vetting/Suspensions")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Vetting/Suspend/{b.MemberId}")).Status);
            Assert.DoesNotContain("suspend-link", (await member.GetAsync($"/Directory/Member/{b.MemberId}")).Html, StringComparison.Ordinal);
            Assert.DoesNotContain("directory-manage", (await member.GetAsync("/Directory")).Html, StringComparison.Ordinal);
        }

        var otherBoard = await app.CreateMemberAsync("zoetermeer", VettingLevel.Vetted, (Roles.Board, "rokkeveen"));
        using (var board = await SessionAsync(otherBoard))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/Directory/Occupant/{lansinghageUnit}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/Vetting/Suspend/{b.MemberId}")).Status);
            await AssertRefusedAsync(board, "/Directory/Import");
        }

        using var ro = await SessionAsync("ro@zoetermeer.demo");
        await AssertRefusedAsync(ro, "/Directory/Import");
    }

    [Fact]
    public async Task A_board_member_registers_a_new_occupant_on_the_page_and_the_occupant_is_invited()
    {
        var b = await app.NewBusinessAsync();
        using var session = await SessionAsync(Board);
        var (status, html) = await session.GetAsync($"/Directory/Occupant/{b.UnitId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("for=\"business\"", html, StringComparison.Ordinal);

        var kvk = Random.Shared.Next(80_000_000, 89_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var invite = $"nieuw{kvk}@test.demo";
        var bad = await session.PostFormAsync($"/Directory/Occupant/{b.UnitId}", new Dictionary<string, string> { ["BusinessName"] = "Zonder nummers B.V.", ["KvkNumber"] = "12", ["BranchNumber"] = "" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("occupant-error", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await session.PostFormAsync($"/Directory/Occupant/{b.UnitId}", new Dictionary<string, string>
        {
            ["BusinessName"] = $"Nieuwkomer {kvk} B.V.", ["KvkNumber"] = kvk, ["BranchNumber"] = "0000" + kvk, ["SbiCode"] = "5210", ["Activity"] = "Opslag", ["ContactEmail"] = invite,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Directory/Units", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var occupant = await app.WithDbAsync(async db =>
        {
            var occupantId = (await db.Units.SingleAsync(u => u.Id == b.UnitId)).OccupantOrganisationId;
            return await db.Organisations.SingleAsync(o => o.Id == occupantId);
        });
        Assert.Equal(kvk, occupant.KvkNumber);
        Assert.True(await app.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == invite)));
    }

    [Fact]
    public async Task The_import_page_previews_line_errors_stores_nothing_and_imports_all_on_confirmation()
    {
        using var session = await SessionAsync(Ez);
        var (good, other) = (Bag(), Bag());
        var header = "estate;bagId;street;houseNumber;postalCode;city;latitude;longitude\n";
        var badCsv = header + $"hoornwijck;{good};Importlaan;1;2718 AA;Zoetermeer;52.05;4.44\nhoornwijck;{other};Importlaan;2;27 AA;Zoetermeer;52.05;4.44\n";
        var preview = await PostFileAsync(session, badCsv);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<th scope=\"row\">3</th>", html, StringComparison.Ordinal);
        Assert.Contains("postalCode", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.BagId == good)));

        var goodCsv = header + $"hoornwijck;{good};Importlaan;1;2718 AA;Zoetermeer;52.05;4.44\nhoornwijck;{other};Importlaan;2;2718 AA;Zoetermeer;52.05;4.44\n";
        html = await (await PostFileAsync(session, goodCsv)).Content.ReadAsStringAsync();
        Assert.Contains("handler=Confirm", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.BagId == good)));

        var confirm = await session.PostFormAsync("/Directory/Import", new Dictionary<string, string> { ["Csv"] = goodCsv }, "/Directory/Import?handler=Confirm");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("import-done", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Units.CountAsync(u => u.BagId == good || u.BagId == other)));

        // Confirming the same file again fails as a whole: the units exist now.
        var again = await session.PostFormAsync("/Directory/Import", new Dictionary<string, string> { ["Csv"] = goodCsv }, "/Directory/Import?handler=Confirm");
        Assert.Contains("import-error", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Units.CountAsync(u => u.BagId == good || u.BagId == other)));
    }

    [Fact]
    public async Task A_board_member_suspends_on_the_page_and_lifts_the_suspension_from_the_suspensions_page()
    {
        var b = await app.NewBusinessAsync(level: VettingLevel.Vetted);
        await app.WithDbAsync(async db =>
        {
            db.VettingSteps.Add(new VettingStep
            {
                TenantId = (await db.Members.SingleAsync(m => m.Id == b.MemberId)).TenantId!.Value, MemberId = b.MemberId, Kind = VettingStepKind.Vetted,
                From = VettingLevel.Vouched, To = VettingLevel.Vetted, ActorName = "test", At = app.Clock.GetUtcNow(), Evidence = "test",
            });
            return await db.SaveChangesAsync();
        });
        using var session = await SessionAsync(Board);
        Assert.Contains("suspend-link", (await session.GetAsync($"/Directory/Member/{b.MemberId}")).Html, StringComparison.Ordinal);

        var empty = await session.PostFormAsync($"/Vetting/Suspend/{b.MemberId}", new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Contains("suspend-error", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));

        var suspend = await session.PostFormAsync($"/Vetting/Suspend/{b.MemberId}", new Dictionary<string, string> { ["Reason"] = "Shared a pass with strangers." });
        Assert.Equal(HttpStatusCode.Redirect, suspend.StatusCode);
        Assert.Equal(VettingLevel.Registered, await app.LevelAsync(b.MemberId));
        var (_, list) = await session.GetAsync("/Vetting/Suspensions");
        Assert.Contains("Shared a pass with strangers.", list, StringComparison.Ordinal);
        Assert.Contains($"for=\"note-{b.MemberId}\"", list, StringComparison.Ordinal);

        using (var member = await SessionAsync(Vetted))
        {
            var refused = await member.PostFormAsync("/Vetting", new Dictionary<string, string> { ["memberId"] = b.MemberId.ToString(), ["note"] = "Not mine." }, "/Vetting/Suspensions?handler=Lift");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var lift = await session.PostFormAsync("/Vetting/Suspensions", new Dictionary<string, string> { ["memberId"] = b.MemberId.ToString(), ["note"] = "Pass returned." }, "/Vetting/Suspensions?handler=Lift");
        Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);
        Assert.Equal(VettingLevel.Vetted, await app.LevelAsync(b.MemberId));
        Assert.DoesNotContain(b.MemberId.ToString(), (await session.GetAsync("/Vetting/Suspensions")).Html, StringComparison.Ordinal);
    }

    /// <summary>A page refuses with 403 itself, or its policy sends a signed-in member to the access-denied page.</summary>
    private static async Task AssertRefusedAsync(PageSession session, string path)
    {
        using var response = await session.Client.GetAsync(path);
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.Ordinal) == true),
            $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static async Task<HttpResponseMessage> PostFileAsync(PageSession session, string csv)
    {
        var (_, page) = await session.GetAsync("/Directory/Import");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "units.csv" },
        };
        return await session.Client.PostAsync("/Directory/Import?handler=Preview", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();
}

[Collection(SqliteApp.Collection)]
public sealed class DirectoryManagementPageTestsOnSqlite(SqliteApp app) : DirectoryManagementPageTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DirectoryManagementPageTestsOnPostgres(PostgresApp app) : DirectoryManagementPageTests(app);
