using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Noticeboards;
using static Pps.Tests.Noticeboards.BoardsTestKit;

namespace Pps.Tests.Noticeboards;

public abstract class NoticeboardsLiveTests(PpsApp app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_member_with_the_board_open_receives_new_posts_replies_edits_and_hides_and_outsiders_receive_nothing()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        await using var reader = await app.ConnectLiveAsync(BoardMember);
        await using var otherEstate = await app.ConnectLiveAsync(Rokkeveen);
        await using var otherTenant = await app.ConnectLiveAsync(OtherTenant);

        var published = new TaskCompletionSource<PostLive>(TaskCreationOptions.RunContinuationsAsynchronously);
        var replied = new TaskCompletionSource<ReplyLive>(TaskCreationOptions.RunContinuationsAsynchronously);
        var edited = new TaskCompletionSource<PostEditedLive>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hidden = new TaskCompletionSource<PostHiddenLive>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaked = new List<string>();
        reader.On<PostLive>(nameof(INoticeboardsClient.PostPublished), p => { if (p.BoardId == boardId) published.TrySetResult(p); });
        reader.On<ReplyLive>(nameof(INoticeboardsClient.ReplyPublished), r => replied.TrySetResult(r));
        reader.On<PostEditedLive>(nameof(INoticeboardsClient.PostEdited), e => edited.TrySetResult(e));
        reader.On<PostHiddenLive>(nameof(INoticeboardsClient.PostHidden), h => hidden.TrySetResult(h));
        foreach (var outsider in new[] { otherEstate, otherTenant })
        {
            foreach (var name in new[] { "PostPublished", "ReplyPublished", "PostEdited", "PostHidden" })
            {
                outsider.On<JsonElement>(name, e => { lock (leaked) { leaked.Add(name); } });
            }
        }

        await reader.InvokeAsync("JoinBoard", boardId);
        await Assert.ThrowsAsync<HubException>(() => otherEstate.InvokeAsync("JoinBoard", boardId));
        await Assert.ThrowsAsync<HubException>(() => otherTenant.InvokeAsync("JoinBoard", boardId));
        await using (var unvetted = await app.ConnectLiveAsync(Unvetted))
        {
            await Assert.ThrowsAsync<HubException>(() => unvetted.InvokeAsync("JoinBoard", boardId));
        }


        var author = await app.ClientForAsync(Entrepreneur);
        var title = "Live " + Guid.NewGuid().ToString("N")[..8];
        var created = await author.PostAsync(boardId, title, "Kijk **uit**.");
        var id = created.GetProperty("id").GetGuid();

        var post = await published.Task.WaitAsync(Wait);
        Assert.Equal(id, post.PostId);
        Assert.Equal(title, post.Title);
        Assert.Contains("<strong>uit</strong>", post.BodyHtml, StringComparison.Ordinal);

        await (await app.ClientForAsync(Oov)).PostAsJsonAsync($"/api/posts/{id}/replies", new { body = "Bedankt." });
        Assert.Equal(id, (await replied.Task.WaitAsync(Wait)).PostId);

        await author.PutAsJsonAsync($"/api/posts/{id}", new { title = title + " (bijgewerkt)", body = "Nieuw." });
        Assert.Equal(title + " (bijgewerkt)", (await edited.Task.WaitAsync(Wait)).Title);

        await (await app.ClientForAsync(BoardMember)).PostAsJsonAsync($"/api/posts/{id}/hide", new { reason = "Dubbel." });
        Assert.Equal(id, (await hidden.Task.WaitAsync(Wait)).PostId);

        // The outsiders were connected the whole time; their messages would have arrived before the reader's last one.
        await Task.Delay(200);
        lock (leaked)
        {
            Assert.Empty(leaked);
        }
    }

    [Fact]
    public async Task A_refused_post_broadcasts_nothing()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        await using var reader = await app.ConnectLiveAsync(Entrepreneur);
        var received = new List<PostLive>();
        reader.On<PostLive>(nameof(INoticeboardsClient.PostPublished), p => { lock (received) { received.Add(p); } });
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reader.On<PostLive>(nameof(INoticeboardsClient.PostPublished), p => { if (p.Title == "Markering") { marker.TrySetResult(); } });
        await reader.InvokeAsync("JoinBoard", boardId);

        var client = await app.ClientForAsync(BoardMember);
        var bad = await client.PostAsJsonAsync($"/api/boards/{boardId}/posts", new { title = "", body = "Leeg" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        await client.PostAsync(boardId, "Markering");
        await marker.Task.WaitAsync(Wait);
        lock (received)
        {
            Assert.DoesNotContain(received, p => p.BodyHtml.Contains("Leeg", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task After_LeaveBoard_the_member_no_longer_receives_the_boards_posts()
    {
        var boardId = await app.BoardAsync("department:oov");
        await using var reader = await app.ConnectLiveAsync(Oov);
        var titles = new List<string>();
        reader.On<PostLive>(nameof(INoticeboardsClient.PostPublished), p => { lock (titles) { titles.Add(p.Title); } });
        await reader.InvokeAsync("JoinBoard", boardId);
        var client = await app.ClientForAsync(Oov);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reader.On<PostLive>(nameof(INoticeboardsClient.PostPublished), p => { if (p.Title == "Eerste") { tcs.TrySetResult(); } });
        await client.PostAsync(boardId, "Eerste");
        await tcs.Task.WaitAsync(Wait);
        await reader.InvokeAsync("LeaveBoard", boardId);

        await client.PostAsync(boardId, "Tweede");
        await Task.Delay(300);
        lock (titles)
        {
            Assert.Contains("Eerste", titles);
            Assert.DoesNotContain("Tweede", titles);
        }
    }
}

[Collection(SqliteApp.Collection)]
public sealed class NoticeboardsLiveTestsOnSqlite(SqliteApp app) : NoticeboardsLiveTests(app);

[Collection(PostgresApp.Collection)]
public sealed class NoticeboardsLiveTestsOnPostgres(PostgresApp app) : NoticeboardsLiveTests(app);
