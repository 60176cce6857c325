using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Storage;
using static Pps.Tests.Awareness.LibraryTestData;

namespace Pps.Tests.Awareness;

public abstract class LibraryTests(PpsApp app)
{
    private const string Oov = "oov@zoetermeer.demo";

    [Fact]
    public async Task A_PDF_goes_up_through_blob_storage_and_comes_down_as_an_attachment_with_nosniff()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "PDF " + Guid.NewGuid().ToString("N")[..6], file: Pdf, fileName: "..\\..\\Rap port<1>.pdf"));

        var member = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var detail = await member.GetFromJsonAsync<JsonElement>($"/api/library/{id}");
        var version = detail.GetProperty("versions")[0];
        Assert.Equal("Rap port1.pdf", version.GetProperty("fileName").GetString());
        Assert.Equal("file", version.GetProperty("kind").GetString());

        var response = await member.GetAsync($"/api/library/{id}/versions/1/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());

        var key = await app.WithDbAsync(db => db.LibraryDocumentVersions.Where(v => v.DocumentId == id).Select(v => v.BlobKey).SingleAsync());
        Assert.StartsWith("library/", key);
        Assert.DoesNotContain("port", key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_with_400_and_leaves_neither_blob_nor_record()
    {
        var editor = await app.ClientForAsync(Oov);
        var title = "Exe " + Guid.NewGuid().ToString("N")[..6];
        var before = await LibraryBlobsAsync(app);
        var response = await editor.PostAsync("/api/library", Form(title: title, file: Exe, fileName: "handleiding.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await LibraryBlobsAsync(app));
        Assert.False(await app.WithDbAsync(db => db.LibraryDocuments.AnyAsync(d => d.Title == title)));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("article")]
    [InlineData("link")]
    [InlineData("video")]
    public async Task A_document_without_its_content_is_400_not_an_error(string kind)
    {
        var editor = await app.ClientForAsync(Oov);
        var response = await editor.PostAsync("/api/library", Form(kind: kind));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_upload_over_20_MB_is_refused_with_400()
    {
        var editor = await app.ClientForAsync(Oov);
        var big = new byte[LibraryLimits.MaxUploadBytes + 1];
        Pdf.CopyTo(big, 0);
        var response = await editor.PostAsync("/api/library", Form(file: big));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("20 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_image_is_re_encoded_and_stored_under_a_key_of_the_hub()
    {
        var editor = await app.ClientForAsync(Oov);
        var original = Jpeg();
        var id = await CreateAsync(editor, Form(title: "Foto " + Guid.NewGuid().ToString("N")[..6], file: original, fileName: "/etc/passwd.jpeg"));
        var response = await editor.GetAsync($"/api/library/{id}/versions/1/file");
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var stored = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(UploadKind.Jpeg, UploadInspector.Sniff(stored));
        Assert.NotEqual(original, stored);
        var name = await app.WithDbAsync(db => db.LibraryDocumentVersions.Where(v => v.DocumentId == id).Select(v => v.FileName).SingleAsync());
        Assert.Equal("passwd.jpg", name);
    }

    [Theory]
    [InlineData("http://example.org/folder")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a link")]
    public async Task An_external_link_must_be_https(string url)
    {
        var editor = await app.ClientForAsync(Oov);
        var response = await editor.PostAsync("/api/library", Form(kind: "link", url: url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_https_link_and_an_article_are_stored_without_a_blob()
    {
        var editor = await app.ClientForAsync(Oov);
        var link = await CreateAsync(editor, Form(title: "Link " + Guid.NewGuid().ToString("N")[..6], kind: "link", url: "https://www.meldmisdaadanoniem.nl/"));
        var article = await CreateAsync(editor, Form(title: "Artikel " + Guid.NewGuid().ToString("N")[..6], body: "Tekst."));
        var detail = await editor.GetFromJsonAsync<JsonElement>($"/api/library/{link}");
        Assert.Equal("https://www.meldmisdaadanoniem.nl/", detail.GetProperty("versions")[0].GetProperty("url").GetString());
        Assert.Equal("article", (await editor.GetFromJsonAsync<JsonElement>($"/api/library/{article}")).GetProperty("versions")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/api/library/{link}/versions/1/file")).StatusCode);
    }

    [Fact]
    public async Task An_entrepreneur_may_not_upload_add_versions_or_delete_and_anonymous_callers_get_401()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Refusal " + Guid.NewGuid().ToString("N")[..6], body: "Tekst."));
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PostAsync("/api/library", Form(body: "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PostAsync($"/api/library/{id}/versions", VersionForm("x", body: "y"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.DeleteAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ro@zoetermeer.demo")).PostAsync("/api/library", Form(body: "x"))).StatusCode);

        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/library")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/library/{id}/versions/1/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/library", Form(body: "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/library/must-read")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/library/confirmations?estateId=" + Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task The_platform_administrator_edits_a_municipalitys_library_by_naming_it()
    {
        var admin = await app.ClientForAsync("admin@pps.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/library", Form(body: "x"))).StatusCode);
        var tenantId = await app.WithDbAsync(db => db.Tenants.Where(t => t.Slug == "zoetermeer").Select(t => t.Id).SingleAsync());
        var form = Form(title: "Platform " + Guid.NewGuid().ToString("N")[..6], file: Pdf);
        form.Add(new StringContent(tenantId.ToString()), "tenantId");
        var id = await CreateAsync(admin, form);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/library/{id}/versions", VersionForm("Nieuw", file: Pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/library/{id}/versions/2/file")).StatusCode);
        var member = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(2, (await member.GetFromJsonAsync<JsonElement>($"/api/library/{id}")).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/library/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_municipality_gets_404_for_a_document_and_its_file()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Tenant " + Guid.NewGuid().ToString("N")[..6], file: Pdf));
        var other = await app.ClientForAsync("oov@pijnacker.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/library/{id}/versions/1/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/library/{id}/versions", VersionForm("x", body: "y"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 })).StatusCode);
        var list = await other.GetFromJsonAsync<JsonElement[]>("/api/library");
        Assert.DoesNotContain(list!, d => d.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_document_not_meant_for_your_role_is_404_to_read_and_to_download()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Politie " + Guid.NewGuid().ToString("N")[..6], file: Pdf, audience: ["police"]));
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.GetAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.GetAsync($"/api/library/{id}/versions/1/file")).StatusCode);
        Assert.DoesNotContain((await entrepreneur.GetFromJsonAsync<JsonElement[]>("/api/library"))!, d => d.GetProperty("id").GetGuid() == id);

        var police = await app.ClientForAsync("politie@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/library/{id}/versions/1/file")).StatusCode);
    }

    [Fact]
    public async Task Search_matches_title_summary_and_tags_and_filters_by_category_and_language()
    {
        var editor = await app.ClientForAsync(Oov);
        var word = "zoek" + Guid.NewGuid().ToString("N")[..8];
        var byTitle = await CreateAsync(editor, Form(title: $"Titel {word}", category: "cyberAndFraud", language: "en", body: "x"));
        var bySummary = await CreateAsync(editor, Form(title: "Iets anders", summary: $"Over {word.ToUpperInvariant()}", category: "landlordsAndLetting", body: "x"));
        var byTag = await CreateAsync(editor, Form(title: "Nog iets", tags: $"fraude, {word}", category: "cyberAndFraud", body: "x"));

        var all = await editor.GetFromJsonAsync<JsonElement[]>($"/api/library?q={word}");
        Assert.Equal(new[] { byTitle, bySummary, byTag }.ToHashSet(), all!.Select(d => d.GetProperty("id").GetGuid()).ToHashSet());
        var cyber = await editor.GetFromJsonAsync<JsonElement[]>($"/api/library?q={word}&category=cyberAndFraud");
        Assert.Equal(new[] { byTitle, byTag }.ToHashSet(), cyber!.Select(d => d.GetProperty("id").GetGuid()).ToHashSet());
        var english = await editor.GetFromJsonAsync<JsonElement[]>($"/api/library?q={word}&language=en");
        Assert.Equal(byTitle, Assert.Single(english!).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/api/library?category=gossip")).StatusCode);
    }

    [Fact]
    public async Task The_demo_library_has_Dutch_and_English_articles_and_two_must_reads_for_entrepreneurs()
    {
        var member = await app.ClientForAsync("ondernemer.rokkeveen@zoetermeer.demo");
        var english = await member.GetFromJsonAsync<JsonElement[]>("/api/library?language=en&q=report");
        Assert.Contains(english!, d => d.GetProperty("category").GetString() == "reportingRoutes");
        var mustReads = await member.GetFromJsonAsync<JsonElement[]>("/api/library/must-read");
        Assert.True(mustReads!.Length >= 2);
        var report = (await member.GetFromJsonAsync<JsonElement[]>("/api/library?q=meldroutes"))!.Single();
        var body = (await member.GetFromJsonAsync<JsonElement>($"/api/library/{report.GetProperty("id").GetGuid()}")).GetProperty("versions")[0].GetProperty("body").GetString();
        Assert.Contains("0800-7000", body);
        Assert.Contains("112", body);
    }

    [Fact]
    public async Task A_new_version_keeps_the_old_one_says_what_changed_and_asks_must_readers_to_confirm_again()
    {
        var editor = await app.ClientForAsync(Oov);
        var reader = await app.CreateMemberAsync(roles: [("police", null)]);
        var client = await app.ClientForAsync(reader);
        var id = await CreateAsync(editor, Form(title: "Versies " + Guid.NewGuid().ToString("N")[..6], file: Pdf, mustReadRoles: ["police"]));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 })).StatusCode);
        Assert.Contains((await client.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))!, i => i.GetProperty("documentId").GetGuid() == id && i.GetProperty("done").GetBoolean());

        var v2 = new byte[Pdf.Length + 3];
        Pdf.CopyTo(v2, 0);
        var response = await editor.PostAsync($"/api/library/{id}/versions", VersionForm("Meldnummer toegevoegd", file: v2));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/library/{id}");
        Assert.Equal(2, detail.GetProperty("currentVersion").GetInt32());
        Assert.Equal(1, detail.GetProperty("confirmedVersion").GetInt32());
        Assert.Equal("Meldnummer toegevoegd", detail.GetProperty("versions")[0].GetProperty("changeNote").GetString());
        Assert.Equal(v2, await client.GetByteArrayAsync($"/api/library/{id}/versions/2/file"));
        Assert.Equal(Pdf, await client.GetByteArrayAsync($"/api/library/{id}/versions/1/file"));
        var item = (await client.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))!.Single(i => i.GetProperty("documentId").GetGuid() == id);
        Assert.False(item.GetProperty("done").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 2 })).StatusCode);
        Assert.True((await client.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))!.Single(i => i.GetProperty("documentId").GetGuid() == id).GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task A_new_version_without_a_change_note_is_400()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Notitie " + Guid.NewGuid().ToString("N")[..6], body: "x"));
        var response = await editor.PostAsync($"/api/library/{id}/versions", VersionForm("", body: "y"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("changeNote", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Confirming_a_version_that_is_not_current_is_400()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Oud " + Guid.NewGuid().ToString("N")[..6], body: "v1", mustReadRoles: ["police"]));
        await editor.PostAsync($"/api/library/{id}/versions", VersionForm("Aangepast", body: "v2"));
        var police = await app.ClientForAsync("politie@zoetermeer.demo");
        var response = await police.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("version", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await police.PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 3 })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ReadConfirmations.AnyAsync(c => c.DocumentId == id)));
    }

    [Fact]
    public async Task When_the_database_refuses_a_new_version_after_its_upload_the_blob_is_removed_and_nothing_is_half_stored()
    {
        var editor = await app.ClientForAsync(Oov);
        var id = await CreateAsync(editor, Form(title: "Race " + Guid.NewGuid().ToString("N")[..6], file: Pdf));

        // Another editor's version 2 landed a moment earlier (the row exists, the document was not yet updated):
        // this upload computes "version 2" too, writes its blob, and the unique index refuses the record.
        await app.WithDbAsync(async db =>
        {
            var doc = await db.LibraryDocuments.SingleAsync(d => d.Id == id);
            db.LibraryDocumentVersions.Add(new LibraryDocumentVersion { TenantId = doc.TenantId, DocumentId = id, Number = 2, Kind = LibraryContentKind.Article, Body = "x", CreatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var before = await LibraryBlobsAsync(app);

        var response = await editor.PostAsync($"/api/library/{id}/versions", VersionForm("Gelijktijdig", file: Pdf));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await LibraryBlobsAsync(app));
        var state = await app.WithDbAsync(async db => (
            (await db.LibraryDocuments.SingleAsync(d => d.Id == id)).CurrentVersion,
            await db.LibraryDocumentVersions.CountAsync(v => v.DocumentId == id)));
        Assert.Equal((1, 2), state);
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_versions_confirmations_and_blobs()
    {
        var editor = await app.ClientForAsync("ez@zoetermeer.demo");
        var id = await CreateAsync(editor, Form(title: "Weg " + Guid.NewGuid().ToString("N")[..6], file: Pdf, mustReadRoles: ["police"]));
        await editor.PostAsync($"/api/library/{id}/versions", VersionForm("Nieuw", file: Jpeg()));
        var keys = await app.WithDbAsync(db => db.LibraryDocumentVersions.Where(v => v.DocumentId == id).Select(v => v.BlobKey!).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.Superset(keys.ToHashSet(), await LibraryBlobsAsync(app));
        await (await app.ClientForAsync("politie@zoetermeer.demo")).PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 2 });

        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/library/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/api/library/{id}")).StatusCode);
        var blobs = await LibraryBlobsAsync(app);
        Assert.DoesNotContain(keys, blobs.Contains);
        Assert.False(await app.WithDbAsync(async db =>
            await db.LibraryDocumentVersions.AnyAsync(v => v.DocumentId == id) || await db.ReadConfirmations.AnyAsync(c => c.DocumentId == id)));
    }

    [Fact]
    public async Task A_must_read_for_an_estate_reaches_its_members_only()
    {
        var editor = await app.ClientForAsync(Oov);
        var zoeterhage = await app.EstateIdAsync("zoeterhage");
        var id = await CreateAsync(editor, Form(title: "Terrein " + Guid.NewGuid().ToString("N")[..6], body: "x", mustReadEstates: [zoeterhage]));
        var onEstate = await app.ClientForAsync(await app.CreateMemberAsync(roles: [("entrepreneur", "zoeterhage")]));
        var elsewhere = await app.ClientForAsync(await app.CreateMemberAsync(roles: [("entrepreneur", "bleizo")]));
        Assert.Contains((await onEstate.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))!, i => i.GetProperty("documentId").GetGuid() == id);
        Assert.DoesNotContain((await elsewhere.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))!, i => i.GetProperty("documentId").GetGuid() == id);
    }

    [Fact]
    public async Task An_unknown_estate_as_must_read_target_is_400()
    {
        var editor = await app.ClientForAsync(Oov);
        var response = await editor.PostAsync("/api/library", Form(body: "x", mustReadEstates: [await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unconfirmed_must_readers_are_reminded_once_per_version_after_the_configured_days()
    {
        var editor = await app.ClientForAsync(Oov);
        var reader = await app.CreateMemberAsync(roles: [("fire-service", null)]);
        var confirmer = await app.CreateMemberAsync(roles: [("fire-service", null)]);
        var title = "Herinnering " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(editor, Form(title: title, body: "v1", mustReadRoles: ["fire-service"]));
        await (await app.ClientForAsync(confirmer)).PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 });

        app.Clock.Advance(TimeSpan.FromDays(6));
        await app.RunJobAsync<SendMustReadRemindersJob>();
        Assert.Equal(0, await RemindersAsync(reader, id, 1));

        app.Clock.Advance(TimeSpan.FromDays(1.1));
        await app.RunJobAsync<SendMustReadRemindersJob>();
        await app.RunJobAsync<SendMustReadRemindersJob>();
        Assert.Equal(1, await RemindersAsync(reader, id, 1));
        Assert.Equal(0, await RemindersAsync(confirmer, id, 1));
        await app.RunJobAsync<Pps.Web.Infrastructure.Email.SendQueuedEmailJob>();
        Assert.Contains(app.Smtp.To(reader), m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal));

        // A new version asks again: the confirmer too, once, after the waiting time.
        editor = await app.ClientForAsync(Oov); // the clock moved past the first token's lifetime
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync($"/api/library/{id}/versions", VersionForm("Aangevuld", body: "v2"))).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.RunJobAsync<SendMustReadRemindersJob>();
        await app.RunJobAsync<SendMustReadRemindersJob>();
        Assert.Equal(1, await RemindersAsync(reader, id, 2));
        Assert.Equal(1, await RemindersAsync(confirmer, id, 2));
    }

    private Task<int> RemindersAsync(string email, Guid id, int version)
        => app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.To == email && e.Purpose == $"library-reminder:{id}:{version}"));

    [Fact]
    public async Task The_board_sees_confirmations_of_its_own_estate_and_EZ_of_every_estate()
    {
        var editor = await app.ClientForAsync(Oov);
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var id = await CreateAsync(editor, Form(title: "Bevestigen " + Guid.NewGuid().ToString("N")[..6], body: "x", mustReadEstates: [lansinghage]));
        var member = await app.CreateMemberAsync(roles: [("entrepreneur", "lansinghage")]);
        await (await app.ClientForAsync(member)).PostAsJsonAsync($"/api/library/{id}/confirm", new { version = 1 });

        foreach (var who in new[] { "bestuur.lansinghage@zoetermeer.demo", "ez@zoetermeer.demo" })
        {
            var view = await (await app.ClientForAsync(who)).GetFromJsonAsync<JsonElement>($"/api/library/confirmations?estateId={lansinghage}");
            var row = view.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Test " + member[..8]);
            var item = row.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("documentId").GetGuid() == id);
            Assert.Equal(1, item.GetProperty("confirmedVersion").GetInt32());
        }

        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/api/library/confirmations?estateId={await app.EstateIdAsync("rokkeveen")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo")).GetAsync($"/api/library/confirmations?estateId={lansinghage}")).StatusCode);
        var otherEz = await app.ClientForAsync(await app.CreateMemberAsync("pijnacker-nootdorp", roles: [("ez", null)]));
        Assert.Equal(HttpStatusCode.NotFound, (await otherEz.GetAsync($"/api/library/confirmations?estateId={lansinghage}")).StatusCode);
    }

    [Fact]
    public async Task The_library_pages_render_for_a_member_and_the_upload_page_only_for_editors()
    {
        var member = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        foreach (var path in new[] { "/Library", "/Library?q=signalen&category=landlordsAndLetting&language=nl", "/Library/MustRead" })
        {
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(path)).StatusCode);
        }

        var first = (await member.GetFromJsonAsync<JsonElement[]>("/api/library/must-read"))![0].GetProperty("documentId").GetGuid();
        var page = await member.GetStringAsync($"/Library/Document/{first}");
        Assert.Contains("<h1", page);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/Library/Upload")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/Library/Confirmations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Library/Document/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Oov)).GetAsync("/Library/Upload")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo")).GetAsync("/Library/Confirmations")).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class LibraryTestsOnSqlite(SqliteApp app) : LibraryTests(app);

[Collection(PostgresApp.Collection)]
public sealed class LibraryTestsOnPostgres(PostgresApp app) : LibraryTests(app);
