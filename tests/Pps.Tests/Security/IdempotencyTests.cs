using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Tests.Noticeboards;
using Pps.Web.Infrastructure.Idempotency;
using static Pps.Tests.Alerts.AlertsTestKit;

namespace Pps.Tests.Security;

/// <summary>
/// A client that lost the answer to an alert or a post retries with the same Idempotency-Key and gets the first answer
/// again; nothing is stored twice, also when the retries race each other.
/// </summary>
public abstract class IdempotencyTests(PpsApp app)
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyFilter.Header, key);
        }

        return await client.SendAsync(request);
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task An_alert_posted_twice_with_one_key_is_stored_once_and_the_retry_gets_the_first_answer()
    {
        var oov = await app.ClientForAsync(Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        var title = Unique("Herhaald alarm");
        var key = NewKey();

        var first = await SendAsync(oov, "/api/alerts", Body(title, [estate], "urgent"), key);
        var retry = await SendAsync(oov, "/api/alerts", Body(title, [estate], "urgent"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyFilter.ReplayedHeader));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyFilter.ReplayedHeader)));
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.Id(), b.Id());
        Assert.Equal(a.Sequence(), b.Sequence());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await app.StoredAlertsTitledAsync(title));

        // Without a key every request is new, as before.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(oov, "/api/alerts", Body(title, [estate]), null)).StatusCode);
        Assert.Equal(2, await app.StoredAlertsTitledAsync(title));
    }

    [Fact]
    public async Task Racing_retries_with_one_key_store_one_alert()
    {
        var oov = await app.ClientForAsync(Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        var title = Unique("Race");
        var key = NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(oov, "/api/alerts", Body(title, [estate]), key)));

        Assert.All(answers, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(answers, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.StoredAlertsTitledAsync(title));
        var ids = new HashSet<Guid>();
        foreach (var created in answers.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }

        Assert.Single(ids);
    }

    [Fact]
    public async Task A_refused_attempt_leaves_the_key_free_for_the_corrected_one()
    {
        var oov = await app.ClientForAsync(Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        var title = Unique("Verbeterd");
        var key = NewKey();

        var invalid = await SendAsync(oov, "/api/alerts", Body("", [estate]), key);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var corrected = await SendAsync(oov, "/api/alerts", Body(title, [estate]), key);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains(IdempotencyFilter.ReplayedHeader));
        Assert.Equal(1, await app.StoredAlertsTitledAsync(title));
    }

    [Fact]
    public async Task Keys_belong_to_one_member_and_one_kind_of_request()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var key = NewKey();
        var oov = await app.ClientForAsync(Oov);
        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var title = Unique("Zelfde sleutel");

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(oov, "/api/alerts", Body(title, [estate]), key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(board, "/api/alerts", Body(title, [estate]), key)).StatusCode);
        Assert.Equal(2, await app.StoredAlertsTitledAsync(title));

        // The same key on another endpoint is a client mistake, not a replay: refused, nothing stored.
        var boardId = await app.BoardAsync("estate:lansinghage");
        var post = await SendAsync(oov, $"/api/boards/{boardId}/posts", new { title, body = "Zelfde sleutel, ander verzoek." }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task A_post_retried_with_its_key_is_stored_once()
    {
        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var boardId = await app.BoardAsync("estate:lansinghage");
        var title = Unique("Bericht");
        var key = NewKey();

        var first = await SendAsync(board, $"/api/boards/{boardId}/posts", new { title, body = "Eén keer." }, key);
        var retry = await SendAsync(board, $"/api/boards/{boardId}/posts", new { title, body = "Eén keer." }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(1, await app.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == title)));
    }

    [Theory]
    [InlineData("sleutel met spaties")]
    [InlineData("<script>")]
    public async Task A_malformed_key_is_a_400_naming_the_header_and_nothing_is_stored(string key)
    {
        var oov = await app.ClientForAsync(Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        var title = Unique("Slechte sleutel");

        var response = await SendAsync(oov, "/api/alerts", Body(title, [estate]), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(IdempotencyFilter.Header, out _));
        Assert.Equal(0, await app.StoredAlertsTitledAsync(title));
    }

    [Fact]
    public async Task A_key_longer_than_the_limit_is_refused()
    {
        var oov = await app.ClientForAsync(Oov);
        var estate = await app.EstateIdAsync("lansinghage");
        var response = await SendAsync(oov, "/api/alerts", Body(Unique("Lang"), [estate]), new string('k', IdempotencyFilter.MaxKeyLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_forgotten()
    {
        var key = NewKey();
        await app.WithDbAsync(async db =>
        {
            var member = await db.Members.IgnoreQueryFilters().SingleAsync(m => m.Email == Oov);
            db.IdempotentRequests.Add(new IdempotentRequest { MemberId = member.Id, Key = key, Operation = "POST /api/alerts/", CreatedAt = app.Clock.GetUtcNow().AddHours(-25), StatusCode = 201 });
            await db.SaveChangesAsync();
        });
        var fresh = NewKey();
        await app.WithDbAsync(async db =>
        {
            var member = await db.Members.IgnoreQueryFilters().SingleAsync(m => m.Email == Oov);
            db.IdempotentRequests.Add(new IdempotentRequest { MemberId = member.Id, Key = fresh, Operation = "POST /api/alerts/", CreatedAt = app.Clock.GetUtcNow().AddHours(-1), StatusCode = 201 });
            await db.SaveChangesAsync();
        });

        await app.RunJobAsync<PruneIdempotencyKeysJob>();

        Assert.False(await app.WithDbAsync(db => db.IdempotentRequests.AnyAsync(r => r.Key == key)));
        Assert.True(await app.WithDbAsync(db => db.IdempotentRequests.AnyAsync(r => r.Key == fresh)));
    }
}

[Collection(SqliteApp.Collection)]
public sealed class IdempotencyTestsOnSqlite(SqliteApp app) : IdempotencyTests(app);

[Collection(PostgresApp.Collection)]
public sealed class IdempotencyTestsOnPostgres(PostgresApp app) : IdempotencyTests(app);
