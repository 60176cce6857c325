using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Noticeboards.BoardsTestKit;

namespace Pps.Tests.Noticeboards;

public abstract class NoticeboardsTests(PpsApp app)
{
    [Theory]
    [InlineData(Entrepreneur, "estate:lansinghage", true)]
    [InlineData(Entrepreneur, "association:lansinghage", false)]
    [InlineData(Entrepreneur, "tenant", true)]
    [InlineData(Entrepreneur, "department:oov", false)]
    [InlineData(Entrepreneur, "estate:rokkeveen", false)]
    [InlineData(BoardMember, "estate:lansinghage", true)]
    [InlineData(BoardMember, "association:lansinghage", true)]
    [InlineData(BoardMember, "association:rokkeveen", false)]
    [InlineData(Rokkeveen, "estate:lansinghage", false)]
    [InlineData(Rokkeveen, "estate:rokkeveen", true)]
    [InlineData(Unvetted, "estate:lansinghage", false)]
    [InlineData(Unvetted, "tenant", false)]
    [InlineData(Oov, "estate:lansinghage", true)]
    [InlineData(Oov, "association:lansinghage", true)]
    [InlineData(Oov, "department:oov", true)]
    [InlineData(Oov, "department:ez", false)]
    [InlineData(Ez, "department:ez", true)]
    [InlineData(Ez, "department:oov", false)]
    [InlineData(Police, "tenant", true)]
    [InlineData(Police, "estate:lansinghage", false)]
    [InlineData(OtherTenant, "estate:lansinghage", false)]
    [InlineData(OtherTenant, "tenant", false)]
    [InlineData(OtherTenant, "pijnacker:estate:boezem-oost", true)]
    public async Task Who_may_read_and_post_is_a_policy_per_board_kind_and_role(string email, string board, bool allowed)
    {
        var boardId = await app.BoardAsync(board);
        var client = await app.ClientForAsync(email);

        var read = await client.GetAsync($"/api/boards/{boardId}/posts");
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, read.StatusCode);

        var post = await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", new { title = "Toegangstest", body = "Test." });
        Assert.Equal(allowed ? HttpStatusCode.Created : HttpStatusCode.NotFound, post.StatusCode);

        var listed = await client.GetFromJsonAsync<JsonElement[]>("/api/boards");
        Assert.Equal(allowed, listed!.Any(b => b.GetProperty("id").GetGuid() == boardId));
    }

    [Fact]
    public async Task An_unvetted_member_sees_no_boards_until_vetted()
    {
        var client = await app.ClientForAsync(Unvetted);
        var boards = await client.GetFromJsonAsync<JsonElement[]>("/api/boards");
        Assert.Empty(boards!);
        var page = await client.GetStringAsync("/Boards");
        Assert.Contains("data-vetting-pending", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_members_without_a_tenant_get_403()
    {
        var boardId = await app.BoardAsync("tenant");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync($"/api/boards/{boardId}/posts", new { title = "x", body = "y" })).StatusCode);
        var admin = await app.ClientForAsync("admin@pps.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/boards/{boardId}/posts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/posts/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/attachments/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("", "Tekst", "title")]
    [InlineData(null, "Tekst", "title")]
    [InlineData("Titel", "", "body")]
    [InlineData("LONG_TITLE", "Tekst", "title")]
    [InlineData("Titel", "LONG_BODY", "body")]
    public async Task Empty_or_oversize_title_or_body_is_a_400_naming_the_field_and_stores_nothing(string? title, string body, string field)
    {
        title = title == "LONG_TITLE" ? new string('t', 201) : title;
        body = body == "LONG_BODY" ? new string('b', 20_001) : body;
        var boardId = await app.BoardAsync("estate:lansinghage");
        var before = await app.WithDbAsync(db => db.Posts.CountAsync());
        var client = await app.ClientForAsync(Entrepreneur);

        var response = await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", new { title, body });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Title_and_body_at_their_limits_are_accepted()
    {
        var client = await app.ClientForAsync(Entrepreneur);
        var post = await client.PostAsync(await app.BoardAsync("estate:lansinghage"), new string('t', 200), new string('b', 20_000));
        Assert.Equal(200, post.GetProperty("title").GetString()!.Length);
    }

    [Fact]
    public async Task Markdown_is_stored_as_written_and_rendered_without_script_event_handlers_or_javascript_links()
    {
        const string markdown = "**Let op**\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n"
            + "[klik](javascript:alert(document.cookie)) <a href=\"https://example.org\" onclick=\"steal()\">link</a>\n\n"
            + "[veilig](https://www.politie.nl) <svg onload=alert(1)></svg> <iframe src=\"https://evil.example\"></iframe>";
        var client = await app.ClientForAsync(Entrepreneur);
        var created = await client.PostAsync(await app.BoardAsync("estate:lansinghage"), "Opmaak", markdown);

        var post = await client.GetFromJsonAsync<JsonElement>($"/api/posts/{created.GetProperty("id").GetGuid()}");
        Assert.Equal(markdown, post.GetProperty("body").GetString());
        Assert.Equal(markdown, await app.WithDbAsync(db => db.Posts.Where(p => p.Id == created.GetProperty("id").GetGuid()).Select(p => p.Body).SingleAsync()));
        var html = post.GetProperty("bodyHtml").GetString()!;
        Assert.Contains("<strong>Let op</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.politie.nl\"", html, StringComparison.Ordinal);
        AssertHarmless(html);

        // The list and the live broadcast use the same renderer.
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/boards/{post.GetProperty("boardId").GetGuid()}/posts?pageSize=50");
        var listed = page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
        AssertHarmless(listed.GetProperty("bodyHtml").GetString()!);
    }

    /// <summary>Parses the HTML as a browser would: raw HTML in Markdown may survive as escaped text, never as elements or attributes.</summary>
    private static void AssertHarmless(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.NotEmpty(elements);
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "svg" or "img" or "object" or "embed" or "style");
        foreach (var element in elements)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(element.Attributes, a => a.Name is "href" or "src" or "action" && !a.Value.StartsWith("https://", StringComparison.Ordinal) && !a.Value.StartsWith("http://", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Posts_are_paged_with_at_most_fifty_per_page()
    {
        var client = await app.ClientForAsync(Oov);
        var boardId = await app.BoardAsync("department:oov");
        await client.PostAsync(boardId);
        await client.PostAsync(boardId);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/posts?page=1&pageSize=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/boards/{boardId}/posts?pageSize=51")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/boards/{boardId}/posts?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/boards/{boardId}/posts?tag=nonsense")).StatusCode);
    }

    [Fact]
    public async Task Replies_are_shown_under_the_post_and_an_empty_reply_is_refused()
    {
        var author = await app.ClientForAsync(Entrepreneur);
        var board = await app.ClientForAsync(BoardMember);
        var post = await author.PostAsync(await app.BoardAsync("estate:lansinghage"));
        var id = post.GetProperty("id").GetGuid();

        var reply = await board.PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "Gezien, dank je." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var empty = await board.PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var outsider = await app.ClientForAsync(Rokkeveen);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "Hoi" })).StatusCode);

        var full = await author.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        var replies = full.GetProperty("replies").EnumerateArray().ToList();
        Assert.Single(replies);
        Assert.Equal("Gezien, dank je.", replies[0].GetProperty("body").GetString());
        Assert.Equal("Bart Bestuurder", replies[0].GetProperty("authorName").GetString());
    }

    [Fact]
    public async Task Board_members_and_staff_pin_posts_which_then_come_first_entrepreneurs_may_not()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var author = await app.ClientForAsync(Entrepreneur);
        var older = await author.PostAsync(boardId, "Vastpinnen " + Guid.NewGuid().ToString("N")[..6]);
        await author.PostAsync(boardId);
        var id = older.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsJsonAsync($"/api/posts/{id}/pin", new { pinned = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsJsonAsync($"/api/posts/{id}/pin", new { pinned = true })).StatusCode);
        var board = await app.ClientForAsync(BoardMember);
        Assert.Equal(HttpStatusCode.OK, (await board.PostAsJsonAsync($"/api/posts/{id}/pin", new { pinned = true })).StatusCode);

        var page = await author.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/posts?pageSize=50");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var firstUnpinned = items.FindIndex(p => !p.GetProperty("pinned").GetBoolean());
        var ours = items.FindIndex(p => p.GetProperty("id").GetGuid() == id);
        Assert.True(ours >= 0 && ours < firstUnpinned, "a pinned post comes before every unpinned one");

        var oov = await app.ClientForAsync(Oov);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/posts/{id}/pin", new { pinned = false })).StatusCode);
        Assert.False((await author.GetFromJsonAsync<JsonElement>($"/api/posts/{id}")).GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task The_author_edits_a_post_and_the_previous_text_is_kept_in_its_history()
    {
        var author = await app.ClientForAsync(Entrepreneur);
        var post = await author.PostAsync(await app.BoardAsync("estate:lansinghage"), "Eerste versie", "Oude tekst");
        var id = post.GetProperty("id").GetGuid();

        var other = await app.ClientForAsync(BoardMember);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/posts/{id}", new { title = "Gekaapt", body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await author.PutAsJsonAsync($"/api/posts/{id}", new { title = "", body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.PutAsJsonAsync($"/api/posts/{id}", new { title = "Tweede versie", body = "Nieuwe tekst" })).StatusCode);

        var full = await other.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        Assert.Equal("Tweede versie", full.GetProperty("title").GetString());
        Assert.NotEqual(JsonValueKind.Null, full.GetProperty("editedAt").ValueKind);
        var history = await other.GetFromJsonAsync<JsonElement[]>($"/api/posts/{id}/revisions");
        Assert.Single(history!);
        Assert.Equal("Eerste versie", history![0].GetProperty("title").GetString());
        Assert.Contains("Oude tekst", history[0].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.PostRevisions.CountAsync(r => r.PostId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).GetAsync($"/api/posts/{id}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(OtherTenant)).GetAsync($"/Boards/Posts/{id}/History")).StatusCode);

        var html = await other.GetStringAsync($"/Boards/Posts/{id}");
        Assert.Contains("data-edited", html, StringComparison.Ordinal);
        var historyPage = await other.GetStringAsync($"/Boards/Posts/{id}/History");
        Assert.Contains("Eerste versie", historyPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_reader_reports_a_post_and_a_moderator_hides_it_with_a_reason_only_the_author_still_sees()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var authorEmail = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var author = await app.ClientForAsync(authorEmail);
        var post = await author.PostAsync(boardId, "Te koop: goedkope accu's", "Bel mij.");
        var id = post.GetProperty("id").GetGuid();

        var reader = await app.ClientForAsync(Entrepreneur);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.PostAsJsonAsync($"/api/posts/{id}/reports", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsJsonAsync($"/api/posts/{id}/reports", new { reason = "Lijkt op heling." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsJsonAsync($"/api/posts/{id}/reports", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "Heling" })).StatusCode);

        var board = await app.ClientForAsync(BoardMember);
        var seenByModerator = await board.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        Assert.Contains(seenByModerator.GetProperty("reports").EnumerateArray(), r => r.GetProperty("reason").GetString() == "Lijkt op heling.");
        Assert.Equal(JsonValueKind.Null, (await reader.GetFromJsonAsync<JsonElement>($"/api/posts/{id}")).GetProperty("reports").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await board.PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await board.PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "Mogelijke heling; graag via de politie." })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/posts/{id}")).StatusCode);
        var list = await reader.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/posts?pageSize=50");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        var own = await author.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        Assert.True(own.GetProperty("hidden").GetBoolean());
        Assert.Equal("Mogelijke heling; graag via de politie.", own.GetProperty("hiddenReason").GetString());
        Assert.Contains("Mogelijke heling; graag via de politie.", await author.GetStringAsync($"/Boards/Posts/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await author.PutAsJsonAsync($"/api/posts/{id}", new { title = "Anders", body = "Anders" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await author.PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "Waarom?" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "Waarom?" })).StatusCode);

        var audit = await app.WithDbAsync(db => db.Set<Pps.Web.Infrastructure.Audit.AuditEntry>().Where(a => a.Object == $"post:{id}").Select(a => a.Action).ToListAsync());
        Assert.Contains("post.reported", audit);
        Assert.Contains("post.hidden", audit);
    }

    [Fact]
    public async Task Staff_moderate_the_tenant_board_but_board_members_of_an_estate_do_not()
    {
        var boardId = await app.BoardAsync("tenant");
        var post = await (await app.ClientForAsync(Entrepreneur)).PostAsync(boardId);
        var id = post.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(BoardMember)).PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Ez)).PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "Niet voor dit bord." })).StatusCode);
    }

    [Fact]
    public async Task A_safety_post_keeps_its_structured_fields_and_can_be_filtered_by_tag()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var estateId = await app.EstateIdAsync("lansinghage");
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == estateId).OrderBy(u => u.BagId).Select(u => u.Id).FirstAsync());
        var client = await app.ClientForAsync(Entrepreneur);
        var created = await client.PostAsync(boardId, extra: new
        {
            title = "Busje zonder kenteken", body = "Al drie nachten staat er een busje met draaiende motor.", tag = "vehicle",
            safety = new
            {
                unitId, occurredAt = DateTimeOffset.UtcNow.AddHours(-3), actionTaken = "Politie gebeld", policeCalled = true, policeReportNumber = "2026-555",
                personDescription = "Man, grijze trainingsjas, zwarte pet.",
            },
        });
        var id = created.GetProperty("id").GetGuid();
        var post = await client.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        var safety = post.GetProperty("safety");
        Assert.Equal(unitId, safety.GetProperty("unitId").GetGuid());
        Assert.True(safety.GetProperty("policeCalled").GetBoolean());
        Assert.Equal("2026-555", safety.GetProperty("policeReportNumber").GetString());
        Assert.Equal("Man, grijze trainingsjas, zwarte pet.", safety.GetProperty("personDescription").GetString());
        Assert.Equal("vehicle", post.GetProperty("tag").GetString());

        var filtered = await client.GetFromJsonAsync<JsonElement>($"/api/boards/{boardId}/posts?tag=vehicle&pageSize=50");
        Assert.Contains(filtered.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.All(filtered.GetProperty("items").EnumerateArray(), p => Assert.Equal("vehicle", p.GetProperty("tag").GetString()));

        var page = await client.GetAsync($"/Boards/Posts/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, html);
        Assert.Contains("Man, grijze trainingsjas, zwarte pet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_safety_post_needs_a_place_a_tag_and_a_unit_of_its_own_estate()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        var foreignUnit = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == rokkeveen).Select(u => u.Id).FirstAsync());
        var client = await app.ClientForAsync(Entrepreneur);

        async Task<string[]> ErrorsFor(object body)
        {
            var response = await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        }

        Assert.Contains("safety.spot", await ErrorsFor(new { title = "t", body = "b", tag = "dumping", safety = new { policeCalled = false } }));
        Assert.Contains("tag", await ErrorsFor(new { title = "t", body = "b", safety = new { spot = "Bij de poort", policeCalled = false } }));
        Assert.Contains("safety.unitId", await ErrorsFor(new { title = "t", body = "b", tag = "burglary", safety = new { unitId = foreignUnit, policeCalled = false } }));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", new { title = "t", body = "b", tag = "arson" })).StatusCode);
    }

    [Fact]
    public async Task The_unread_count_per_board_counts_new_posts_by_others_until_the_board_is_read()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var readerEmail = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var reader = await app.ClientForAsync(readerEmail);
        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsync($"/api/boards/{boardId}/read", null)).StatusCode);
        Assert.Equal(0, await UnreadAsync());

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await app.ClientForAsync(BoardMember)).PostAsync(boardId);
        await reader.PostAsync(boardId);
        Assert.Equal(1, await UnreadAsync());

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await reader.PostAsync($"/api/boards/{boardId}/read", null);
        Assert.Equal(0, await UnreadAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsync($"/api/boards/{boardId}/read", null)).StatusCode);

        async Task<int> UnreadAsync()
        {
            var boards = await reader.GetFromJsonAsync<JsonElement[]>("/api/boards");
            return boards!.Single(b => b.GetProperty("id").GetGuid() == boardId).GetProperty("unread").GetInt32();
        }
    }

    [Fact]
    public async Task The_boards_page_and_board_page_render_with_unread_counts_and_posts_pinned_first()
    {
        var client = await app.ClientForAsync(Entrepreneur);
        var boardId = await app.BoardAsync("estate:lansinghage");
        var list = await client.GetStringAsync("/Boards");
        Assert.Contains($"/Boards/{boardId}", list, StringComparison.Ordinal);
        Assert.Contains("data-unread", list, StringComparison.Ordinal);
        var board = await client.GetStringAsync($"/Boards/{boardId}");
        Assert.Contains("Welkom op het prikbord van Lansinghage", board, StringComparison.Ordinal);
        Assert.Contains("Noticeboards", await client.GetStringAsync("/Boards?culture=en"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).GetAsync($"/Boards/{boardId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(OtherTenant)).GetAsync($"/Boards/{boardId}")).StatusCode);
    }

    [Fact]
    public void The_Dutch_and_English_texts_have_the_same_keys()
    {
        var resources = new System.Resources.ResourceManager("Pps.Web.Resources.Features.Noticeboards.NoticeboardsText", typeof(Pps.Web.Features.Noticeboards.NoticeboardsText).Assembly);
        string[] Keys(string culture) => resources.GetResourceSet(new System.Globalization.CultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToArray();
        var dutch = Keys("");
        Assert.True(dutch.Length > 50);
        Assert.Equal(dutch, Keys("en"));
    }

    [Fact]
    public async Task The_dashboard_shows_new_posts_on_my_boards()
    {
        var readerEmail = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var title = "Dashboardtest " + Guid.NewGuid().ToString("N")[..6];
        await (await app.ClientForAsync(BoardMember)).PostAsync(await app.BoardAsync("estate:lansinghage"), title);
        var dashboard = await (await app.ClientForAsync(readerEmail)).GetStringAsync("/Dashboard");
        Assert.Contains("dashboard-boards", dashboard, StringComparison.Ordinal);
        Assert.Contains(title, dashboard, StringComparison.Ordinal);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class NoticeboardsTestsOnSqlite(SqliteApp app) : NoticeboardsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class NoticeboardsTestsOnPostgres(PostgresApp app) : NoticeboardsTests(app);
