using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Tests.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Features.Watch;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using static Pps.Tests.Watch.WatchTestKit;

namespace Pps.Tests.Watch;

public abstract class IncidentPhotoTests(PpsApp app)
{
    private Task<int> PhotoRowsAsync(Guid incidentId) => app.WithDbAsync(db => db.IncidentPhotos.CountAsync(p => p.IncidentId == incidentId));

    [Fact]
    public async Task The_reporter_adds_photos_that_are_stripped_of_metadata_and_served_to_the_incidents_readers_only()
    {
        var id = await app.LogIncidentAsync(Entrepreneur, "Ruit ingegooid " + Guid.NewGuid().ToString("N")[..8]);
        var reporter = await app.ClientForAsync(Entrepreneur);
        var response = await reporter.PostAsync($"/api/watch/incidents/{id}/photos", Photos(Jpeg(), Jpeg("second")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var photoIds = JsonDocument.Parse(body).RootElement.GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()).ToArray();
        Assert.Equal(2, photoIds.Length);

        foreach (var reader in new[] { Entrepreneur, Board, Police, Ez })
        {
            using var photo = await (await app.ClientForAsync(reader)).GetAsync($"/api/watch/incidents/{id}/photos/{photoIds[0]}");
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
            var bytes = await photo.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
            Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        }

        foreach (var outsider in new[] { Rokkeveen, Unvetted, Pijnacker })
        {
            var client = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/watch/incidents/{id}/photos/{photoIds[0]}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/watch/incidents/{id}/photos", Photos(Jpeg()))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync($"/api/watch/incidents/{id}/photos/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/watch/incidents/{id}/photos/{photoIds[0]}")).StatusCode);
    }

    [Fact]
    public async Task Readers_who_did_not_report_and_are_not_the_board_or_staff_may_not_add_photos()
    {
        var id = await app.LogIncidentAsync(Board, "Verdachte persoon " + Guid.NewGuid().ToString("N")[..8]);
        foreach (var reader in new[] { Entrepreneur, Police })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(reader)).PostAsync($"/api/watch/incidents/{id}/photos", Photos(Jpeg()))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Oov)).PostAsync($"/api/watch/incidents/{id}/photos", Photos(Jpeg()))).StatusCode);
        Assert.Equal(1, await PhotoRowsAsync(id));
    }

    [Fact]
    public async Task More_than_three_photos_a_photo_over_8_MB_and_a_file_that_is_no_image_are_refused_with_400_and_nothing_is_stored()
    {
        var id = await app.LogIncidentAsync(Entrepreneur, "Afval " + Guid.NewGuid().ToString("N")[..8], "dumping");
        var client = await app.ClientForAsync(Entrepreneur);
        var url = $"/api/watch/incidents/{id}/photos";
        var blobsBefore = app.WatchBlobCount();

        await AssertInvalidAsync(await client.PostAsync(url, Photos(Jpeg(), Jpeg(), Jpeg(), Jpeg())), "photos");
        var huge = Jpeg().Concat(new byte[(8 * 1024 * 1024) + 1]).ToArray();
        await AssertInvalidAsync(await client.PostAsync(url, Photos(huge)), "photos");
        await AssertInvalidAsync(await client.PostAsync(url, Photos(Noticeboards.BoardsTestKit.Pdf())), "photos");
        await AssertInvalidAsync(await client.PostAsync(url, Photos("MZ this is a renamed program"u8.ToArray())), "photos");
        // A JPEG header on garbage: sniffed as JPEG, but it does not decode, so it is refused as well.
        await AssertInvalidAsync(await client.PostAsync(url, Photos([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5])), "photos");
        // One good and one bad: neither is stored.
        await AssertInvalidAsync(await client.PostAsync(url, Photos(Jpeg(), Noticeboards.BoardsTestKit.Pdf())), "photos");
        await AssertInvalidAsync(await client.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json")), "photos");
        await AssertInvalidAsync(await client.PostAsync(url, new MultipartFormDataContent()), "photos");
        Assert.Equal(0, await PhotoRowsAsync(id));
        Assert.Equal(blobsBefore, app.WatchBlobCount());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Photos(Jpeg(), Jpeg()))).StatusCode);
        await AssertInvalidAsync(await client.PostAsync(url, Photos(Jpeg(), Jpeg())), "photos");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Photos(Jpeg()))).StatusCode);
        await AssertInvalidAsync(await client.PostAsync(url, Photos(Jpeg())), "photos");
        Assert.Equal(3, await PhotoRowsAsync(id));
    }

    [Fact]
    public async Task Photos_already_in_storage_are_removed_again_when_the_incident_cannot_be_saved()
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var tenant = await db.Tenants.Where(t => t.Slug == "zoetermeer").Select(t => t.Id).SingleAsync();
        // An estate that does not exist: the foreign key fails the save after the photos went into storage.
        var incident = new Incident
        {
            TenantId = tenant, EstateId = Guid.NewGuid(), Kind = IncidentKind.Other, OccurredAt = app.Clock.GetUtcNow(), Description = "Kan niet bewaard worden",
            ReporterId = Guid.NewGuid(), CreatedAt = app.Clock.GetUtcNow(),
        };
        db.Incidents.Add(incident);
        var images = IncidentPhotoFiles.Sanitise([Jpeg(), Jpeg("tweede")]);
        Assert.NotNull(images);
        var before = app.WatchBlobCount();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => IncidentPhotoFiles.SaveWithPhotosAsync(db, blobs, incident, images, Guid.NewGuid(), app.Clock.GetUtcNow(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None));
        Assert.Equal(before, app.WatchBlobCount());
        Assert.Equal(2, incident.Photos.Count);
        foreach (var photo in incident.Photos)
        {
            Assert.False(await blobs.ExistsAsync(photo.BlobKey));
        }
    }

    [Fact]
    public async Task The_incident_form_takes_photos_and_the_incident_page_shows_them()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var (lon, lat) = await app.InsideLansinghageAsync();
        var description = "Graffiti " + Guid.NewGuid().ToString("N")[..8];
        using var session = new PageSession(app);
        Assert.NotNull(await session.LoginAsync(Entrepreneur, DemoData.Password));
        var page = $"/Watch/Incidents/New?estateId={estate}";
        var fields = new Dictionary<string, string>
        {
            ["EstateId"] = estate.ToString(), ["Kind"] = "Vandalism", ["OccurredLocal"] = "2026-01-01T10:00", ["Description"] = description,
            // Dutch decimal commas and points are both read invariantly: 4.49 must not become 449.
            ["Longitude"] = lon.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
            ["Latitude"] = lat.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ','),
        };

        var refused = await session.PostMultipartAsync(page, fields, [("photos", Noticeboards.BoardsTestKit.Pdf())]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("validation-summary-errors", await refused.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Incidents.AnyAsync(i => i.Description == description)));

        var logged = await session.PostMultipartAsync(page, fields, [("photos", Jpeg())]);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var incident = await app.WithDbAsync(db => db.Incidents.Include(i => i.Photos).SingleAsync(i => i.Description == description));
        Assert.Single(incident.Photos);
        Assert.Equal(lon, incident.Longitude, 5);
        Assert.Equal(lat, incident.Latitude, 5);

        var (status, html) = await session.GetAsync($"/Watch/Incidents/{incident.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"/api/watch/incidents/{incident.Id}/photos/{incident.Photos[0].Id}", html);
        using var photo = await session.Client.GetAsync($"/api/watch/incidents/{incident.Id}/photos/{incident.Photos[0].Id}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);

        using var outsider = new PageSession(app);
        Assert.NotNull(await outsider.LoginAsync(Rokkeveen, DemoData.Password));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Watch/Incidents/{incident.Id}")).Status);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class IncidentPhotoTestsOnSqlite(SqliteApp app) : IncidentPhotoTests(app);

[Collection(PostgresApp.Collection)]
public sealed class IncidentPhotoTestsOnPostgres(PostgresApp app) : IncidentPhotoTests(app);
