using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Infrastructure.Auth;
using static Pps.Tests.Noticeboards.BoardsTestKit;

namespace Pps.Tests.Noticeboards;

public abstract class NoticeboardAttachmentsTests(PpsApp app)
{
    [Fact]
    public async Task An_image_is_re_encoded_without_EXIF_and_a_PDF_is_served_as_a_download_to_readers_only()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var client = await app.ClientForAsync(Entrepreneur);
        var response = await client.PostAsync($"/api/boards/{boardId}/posts", Form("Foto's van de schade", "Zie bijlagen.",
            ("schade.jpg", JpegWithExif("GPS-52.0395-SECRET"), "image/jpeg"), ("aangifte.pdf", Pdf(), "application/pdf")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var post = await client.GetFromJsonAsync<JsonElement>($"/api/posts/{id}");
        var attachments = post.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(2, attachments.Count);
        var image = attachments.Single(a => a.GetProperty("isImage").GetBoolean());
        var pdf = attachments.Single(a => !a.GetProperty("isImage").GetBoolean());

        var imageResponse = await client.GetAsync(image.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, imageResponse.StatusCode);
        Assert.Equal("image/jpeg", imageResponse.Content.Headers.ContentType?.MediaType);
        var imageBytes = await imageResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(0xFF, imageBytes[0]);
        Assert.DoesNotContain("GPS-52.0395-SECRET", Encoding.ASCII.GetString(imageBytes), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(imageBytes), StringComparison.Ordinal);

        var pdfResponse = await client.GetAsync(pdf.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", pdfResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", pdfResponse.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf(), await pdfResponse.Content.ReadAsByteArrayAsync());

        foreach (var outsider in new[] { Rokkeveen, Unvetted, OtherTenant })
        {
            var other = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(pdf.GetProperty("url").GetString())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync(pdf.GetProperty("url").GetString())).StatusCode);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_with_400_and_leaves_no_post_and_no_blob()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var client = await app.ClientForAsync(Entrepreneur);
        var exe = "MZ\x90\0\x03\0\0\0This program cannot be run in DOS mode."u8.ToArray();
        var posts = await app.WithDbAsync(db => db.Posts.CountAsync());
        var blobs = app.BlobCount();

        var response = await client.PostAsync($"/api/boards/{boardId}/posts", Form("Factuur", "Zie bijlage.", ("factuur.pdf", exe, "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("attachments", out _), problem.ToString());
        Assert.Equal(posts, await app.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(blobs, app.BlobCount());
    }

    [Fact]
    public async Task An_attachment_over_5_MB_or_a_sixth_attachment_is_a_400_and_stores_nothing()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var client = await app.ClientForAsync(Entrepreneur);
        var posts = await app.WithDbAsync(db => db.Posts.CountAsync());
        var blobs = app.BlobCount();
        var big = Pdf().Concat(new byte[5 * 1024 * 1024]).ToArray();

        var tooBig = await client.PostAsync($"/api/boards/{boardId}/posts", Form("Groot", "x", ("groot.pdf", big, "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.True((await tooBig.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("attachments", out _));

        var six = Enumerable.Range(1, 6).Select(i => ($"d{i}.pdf", Pdf(), "application/pdf")).ToArray();
        var tooMany = await client.PostAsync($"/api/boards/{boardId}/posts", Form("Veel", "x", six));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        Assert.Equal(posts, await app.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(blobs, app.BlobCount());
    }

    [Fact]
    public async Task When_storing_the_post_fails_after_the_blobs_were_written_the_blobs_are_removed()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var email = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "lansinghage"));
        var client = await app.ClientForAsync(email);
        // The member is removed while their token is still valid: the post's author key then fails in the database.
        await app.WithDbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Email == email);
            db.Members.Remove(member);
            await db.SaveChangesAsync();
        });
        var posts = await app.WithDbAsync(db => db.Posts.CountAsync());
        var blobs = app.BlobCount();

        var response = await client.PostAsync($"/api/boards/{boardId}/posts", Form("Wees", "x", ("a.pdf", Pdf(), "application/pdf")));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(posts, await app.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(blobs, app.BlobCount());
    }

    [Fact]
    public async Task The_board_pages_form_refuses_a_renamed_executable_with_a_message_and_stores_nothing()
    {
        var boardId = await app.BoardAsync("estate:lansinghage");
        var client = await app.ClientForAsync(Entrepreneur);
        var page = await client.GetStringAsync($"/Boards/{boardId}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var posts = await app.WithDbAsync(db => db.Posts.CountAsync());
        var blobs = app.BlobCount();

        var form = Form("Factuur via de pagina", "Zie bijlage.", ("factuur.pdf", "MZ\x90\0 not a pdf"u8.ToArray(), "application/pdf"));
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await client.PostAsync($"/Boards/{boardId}", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("only images (JPEG, PNG, GIF, WebP) and PDF files can be attached", html, StringComparison.Ordinal);
        Assert.Contains("Factuur via de pagina", html, StringComparison.Ordinal);
        Assert.Equal(posts, await app.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(blobs, app.BlobCount());
    }

    [Fact]
    public async Task A_multipart_post_without_files_is_stored_like_a_JSON_post()
    {
        var client = await app.ClientForAsync(Entrepreneur);
        var response = await client.PostAsync($"/api/boards/{await app.BoardAsync("estate:lansinghage")}/posts", Form("Zonder bijlage", "Alleen tekst."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class NoticeboardAttachmentsTestsOnSqlite(SqliteApp app) : NoticeboardAttachmentsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class NoticeboardAttachmentsTestsOnPostgres(PostgresApp app) : NoticeboardAttachmentsTests(app);
