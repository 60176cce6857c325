using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pps.Tests.Infrastructure;
using static Pps.Tests.Watch.WatchTestKit;

namespace Pps.Tests.Watch;

public abstract class PromoteIncidentTests(PpsApp app)
{
    private static string Marker(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_board_shares_an_incident_as_a_safety_post_on_the_estate_board_linked_both_ways_once()
    {
        var description = Marker("Inbraak bij de garage");
        var id = await app.LogIncidentAsync(Entrepreneur, description);
        var board = await app.ClientForAsync(Board);

        var response = await board.PostAsync($"/api/watch/incidents/{id}/promote/post", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var postId = JsonDocument.Parse(body).RootElement.GetGuid();

        var post = await (await app.ClientForAsync(Entrepreneur)).GetFromJsonAsync<JsonElement>($"/api/posts/{postId}");
        Assert.Equal("burglary", post.GetProperty("tag").GetString());
        Assert.Contains(description, post.GetProperty("body").GetString());
        Assert.Contains($"/Watch/Incidents/{id}", post.GetProperty("body").GetString());
        Assert.Equal("2026112900999", post.GetProperty("safety").GetProperty("policeReportNumber").GetString());
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var boards = await board.GetFromJsonAsync<JsonElement[]>("/api/boards/");
        var estateBoard = boards!.Single(b => b.GetProperty("kind").GetString() == "estate" && b.GetProperty("estateId").GetGuid() == lansinghage);
        Assert.Equal(estateBoard.GetProperty("id").GetGuid(), post.GetProperty("boardId").GetGuid());

        var incident = await board.GetFromJsonAsync<JsonElement>($"/api/watch/incidents/{id}");
        Assert.Equal(postId, incident.GetProperty("promotedPostId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await board.PostAsync($"/api/watch/incidents/{id}/promote/post", null)).StatusCode);
    }

    [Fact]
    public async Task The_reporter_may_share_but_other_readers_get_403_and_outsiders_404()
    {
        var id = await app.LogIncidentAsync(Entrepreneur, Marker("Dumping"), "dumping");
        foreach (var reader in new[] { Police })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(reader)).PostAsync($"/api/watch/incidents/{id}/promote/post", null)).StatusCode);
        }

        foreach (var outsider in new[] { Rokkeveen, Unvetted, Pijnacker })
        {
            var client = await app.ClientForAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/watch/incidents/{id}/promote/post", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/watch/incidents/{id}/promote/signal", null)).StatusCode);
        }

        var boardsIncident = await app.LogIncidentAsync(Board, Marker("Vernieling"), "vandalism");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Entrepreneur)).PostAsync($"/api/watch/incidents/{boardsIncident}/promote/post", null)).StatusCode);

        var response = await (await app.ClientForAsync(Entrepreneur)).PostAsync($"/api/watch/incidents/{id}/promote/post", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var post = await (await app.ClientForAsync(Board)).GetFromJsonAsync<JsonElement>($"/api/posts/{await response.Content.ReadFromJsonAsync<Guid>()}");
        Assert.Equal("dumping", post.GetProperty("tag").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Board)).PostAsync($"/api/watch/incidents/{Guid.NewGuid()}/promote/post", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync($"/api/watch/incidents/{id}/promote/post", null)).StatusCode);
    }

    [Fact]
    public async Task Staff_turn_an_incident_into_a_confidential_signal_that_only_staff_see_linked_from_the_incident()
    {
        var description = Marker("Nachtelijk verkeer");
        var id = await app.LogIncidentAsync(Entrepreneur, description, "suspiciousVehicleOrPerson");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Entrepreneur)).PostAsync($"/api/watch/incidents/{id}/photos", Photos(Jpeg()))).StatusCode);
        foreach (var notStaff in new[] { Board, Entrepreneur, Police })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(notStaff)).PostAsync($"/api/watch/incidents/{id}/promote/signal", null)).StatusCode);
        }

        var oov = await app.ClientForAsync(Oov);
        await AssertInvalidAsync(await oov.PostAsJsonAsync($"/api/watch/incidents/{id}/promote/signal", new { category = "no.such-category" }), "category");
        var response = await oov.PostAsJsonAsync($"/api/watch/incidents/{id}/promote/signal", new { category = "activity.night-traffic" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = JsonDocument.Parse(body).RootElement;
        var signalId = created.GetProperty("id").GetGuid();

        var signal = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{signalId}");
        Assert.Equal("confidential", signal.GetProperty("mode").GetString());
        Assert.Equal("activity.night-traffic", signal.GetProperty("category").GetString());
        Assert.Contains(description, signal.GetProperty("description").GetString());
        Assert.Contains($"/Watch/Incidents/{id}", signal.GetProperty("description").GetString());
        Assert.Equal(1, signal.GetProperty("photoIds").GetArrayLength());

        var seenByStaff = await oov.GetFromJsonAsync<JsonElement>($"/api/watch/incidents/{id}");
        Assert.Equal(signalId, seenByStaff.GetProperty("promotedSignalId").GetGuid());
        Assert.Equal(created.GetProperty("reference").GetString(), seenByStaff.GetProperty("promotedSignalReference").GetString());
        var seenByMember = await (await app.ClientForAsync(Entrepreneur)).GetFromJsonAsync<JsonElement>($"/api/watch/incidents/{id}");
        Assert.Equal(JsonValueKind.Null, seenByMember.GetProperty("promotedSignalId").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Entrepreneur)).GetAsync($"/api/signals/{signalId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await oov.PostAsync($"/api/watch/incidents/{id}/promote/signal", null)).StatusCode);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class PromoteIncidentTestsOnSqlite(SqliteApp app) : PromoteIncidentTests(app);

[Collection(PostgresApp.Collection)]
public sealed class PromoteIncidentTestsOnPostgres(PostgresApp app) : PromoteIncidentTests(app);
