using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Alerts;
using static Pps.Tests.Alerts.AlertsTestKit;

namespace Pps.Tests.Alerts;

public abstract class AlertsTests(PpsApp app)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task OOV_posts_an_alert_to_an_estate_and_gets_201_with_id_and_sequence()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var oov = await app.ClientForAsync(Oov);
        var title = Unique("Inbraakgolf");
        var response = await oov.PostAsJsonAsync("/api/alerts", Body(title, [lansinghage], "warning"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var alert = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(alert.Sequence() > 0);
        Assert.Equal(title, alert.GetProperty("title").GetString());
        Assert.Equal("warning", alert.GetProperty("severity").GetString());
        Assert.Equal($"/api/alerts/{alert.Id()}", response.Headers.Location?.ToString());

        var recipient = await app.ClientForAsync(Ondernemer);
        var seen = await recipient.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id()}");
        Assert.Equal(title, seen.GetProperty("alert").GetProperty("title").GetString());

        // Receipts were made at post time for the estate's members, not for the poster or other estates.
        var receipts = await app.WithDbAsync(db => db.AlertReceipts.Where(r => r.AlertId == alert.Id())
            .Join(db.Members, r => r.MemberId, m => m.Id, (r, m) => m.Email!).ToListAsync());
        Assert.Contains(Ondernemer, receipts);
        Assert.Contains(Bestuur, receipts);
        Assert.DoesNotContain(Oov, receipts);
        Assert.DoesNotContain(Rokkeveen, receipts);
    }

    [Theory]
    [InlineData(Ondernemer)]
    [InlineData(Ro)]
    [InlineData("politie@zoetermeer.demo")]
    public async Task Members_who_are_neither_OOV_EZ_nor_a_board_may_not_post(string email)
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var client = await app.ClientForAsync(email);
        var title = Unique("Mag niet");
        var response = await client.PostAsJsonAsync("/api/alerts", Body(title, [lansinghage]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.StoredAlertsTitledAsync(title));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var response = await app.AnonymousClient().PostAsJsonAsync("/api/alerts", Body("x", []));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task EZ_may_alert_a_role_and_the_whole_municipality()
    {
        var ez = await app.ClientForAsync(Ez);
        var byRole = await ez.PostOkAsync(Body(Unique("Politie info"), roles: ["police"]));
        var roleReceipts = await app.WithDbAsync(db => db.AlertReceipts.Where(r => r.AlertId == byRole.Id())
            .Join(db.Members, r => r.MemberId, m => m.Id, (r, m) => m.Email!).ToListAsync());
        Assert.Equal(["politie@zoetermeer.demo"], roleReceipts);

        var all = await ez.PostOkAsync(Body(Unique("Iedereen"), wholeTenant: true));
        var allReceipts = await app.WithDbAsync(db => db.AlertReceipts.Where(r => r.AlertId == all.Id())
            .Join(db.Members, r => r.MemberId, m => m.Id, (r, m) => m.Email!).ToListAsync());
        Assert.Contains(Rokkeveen, allReceipts);
        Assert.Contains(Ondernemer, allReceipts);
        Assert.DoesNotContain(Pijnacker, allReceipts);
        Assert.DoesNotContain(Ez, allReceipts);
    }

    [Fact]
    public async Task A_board_alerts_its_own_estate_but_not_another_estate_a_role_or_the_municipality()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        var board = await app.ClientForAsync(Bestuur);
        await board.PostOkAsync(Body(Unique("Bestuur"), [lansinghage]));

        await AssertBadRequestAsync(board, Body(Unique("Ander terrein"), [rokkeveen]), "estateIds");
        await AssertBadRequestAsync(board, Body(Unique("Rol"), [lansinghage], roles: ["entrepreneur"]), "roles");
        await AssertBadRequestAsync(board, Body(Unique("Gemeente"), wholeTenant: true), "wholeTenant");
    }

    [Fact]
    public async Task An_estate_of_another_tenant_is_a_400_naming_estateIds_and_nothing_is_stored_or_sent()
    {
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var (connection, inbox) = await app.ListenAsync(Pijnacker);
        await using var _ = connection;
        var oov = await app.ClientForAsync(Oov);
        var title = Unique("Over de grens");
        await AssertBadRequestAsync(oov, Body(title, [boezem]), "estateIds");
        Assert.False(await inbox.WaitForAsync(i => i.Posted.Any(p => p.Title == title), Quiet));
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "", "Body", "info", "title" },
        { new string('t', 201), "Body", "info", "title" },
        { "Title", "", "info", "body" },
        { "Title", new string('b', 4001), "info", "body" },
        { "Title", "Body", "critical", "severity" },
        { "Title", "Body", "", "severity" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_stored_or_broadcast(string title, string body, string severity, string field)
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var (connection, inbox) = await app.ListenAsync(Ondernemer);
        await using var _ = connection;
        var oov = await app.ClientForAsync(Oov);
        var before = await app.WithDbAsync(db => db.Alerts.CountAsync());
        await AssertBadRequestAsync(oov, Body(title, [lansinghage], severity, body: body), field);
        Assert.Equal(before, await app.WithDbAsync(db => db.Alerts.CountAsync()));
        Assert.False(await inbox.WaitForAsync(i => i.Posted.Count > 0, Quiet));
    }

    [Fact]
    public async Task No_target_and_an_expiry_in_the_past_and_an_unknown_role_are_400s()
    {
        var oov = await app.ClientForAsync(Oov);
        await AssertBadRequestAsync(oov, Body(Unique("Niemand")), "estateIds");
        await AssertBadRequestAsync(oov, Body(Unique("Verlopen"), wholeTenant: true, expiresAt: app.Clock.GetUtcNow().AddMinutes(-1)), "expiresAt");
        await AssertBadRequestAsync(oov, Body(Unique("Rol"), roles: ["platform-admin"]), "roles");
        var malformed = await oov.PostAsync("/api/alerts", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Twenty_parallel_posts_get_twenty_distinct_consecutive_sequences()
    {
        var oov = await app.ClientForAsync(Oov);
        var prefix = Unique("Parallel");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            oov.PostAsJsonAsync("/api/alerts", Body($"{prefix} {i}", roles: ["ro"]))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var sequences = new List<long>();
        foreach (var r in responses)
        {
            sequences.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).Sequence());
        }

        sequences.Sort();
        Assert.Equal(20, sequences.Distinct().Count());
        Assert.Equal(sequences[0] + 19, sequences[^1]);
        var stored = await app.WithDbAsync(db => db.Alerts.Where(a => a.Title.StartsWith(prefix)).Select(a => a.Sequence).OrderBy(s => s).ToListAsync());
        Assert.Equal(sequences, stored);
    }

    [Fact]
    public async Task Sequences_are_per_tenant()
    {
        var pijnacker = await app.ClientForAsync(Pijnacker);
        var boezem = await app.EstateIdAsync("boezem-oost", "pijnacker-nootdorp");
        var first = await pijnacker.PostOkAsync(Body(Unique("Boezem"), [boezem]));
        var second = await pijnacker.PostOkAsync(Body(Unique("Boezem"), [boezem]));
        Assert.Equal(first.Sequence() + 1, second.Sequence());
        var max = await app.WithDbAsync(db => db.Alerts.Where(a => a.TenantId == db.Estates.Single(e => e.Id == boezem).TenantId).MaxAsync(a => a.Sequence));
        Assert.Equal(second.Sequence(), max);
    }

    [Fact]
    public async Task The_targeted_member_receives_the_alert_live_and_members_of_other_estates_or_tenants_never_do()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var (c1, targeted) = await app.ListenAsync(Ondernemer);
        var (c2, otherEstate) = await app.ListenAsync(Rokkeveen);
        var (c3, otherTenant) = await app.ListenAsync(Pijnacker);
        var (c4, staffNotTargeted) = await app.ListenAsync(Ro);
        await using var _1 = c1;
        await using var _2 = c2;
        await using var _3 = c3;
        await using var _4 = c4;

        var title = Unique("Live");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(title, [lansinghage], "urgent", ack: true));

        Assert.True(await targeted.WaitForAsync(i => i.Posted.Any(p => p.Id == posted.Id())));
        var message = targeted.Posted.Single(p => p.Id == posted.Id());
        Assert.Equal(posted.Sequence(), message.Sequence);
        Assert.Equal(title, message.Title);
        Assert.Equal("urgent", message.Severity);
        Assert.True(message.RequiresAcknowledgement);
        Assert.NotEqual(default, message.PostedAt);

        Assert.False(await otherEstate.WaitForAsync(i => i.Posted.Count > 0, Quiet));
        Assert.Empty(otherTenant.Posted);
        Assert.Empty(staffNotTargeted.Posted);
    }

    [Fact]
    public async Task A_client_that_misses_three_alerts_gets_exactly_those_three_once_when_it_catches_up()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var oov = await app.ClientForAsync(Oov);
        var (connection, inbox) = await app.ListenAsync(Ondernemer);
        await using var _ = connection;
        var seen = await oov.PostOkAsync(Body(Unique("Voor"), [lansinghage]));
        Assert.True(await inbox.WaitForAsync(i => i.Posted.Any(p => p.Id == seen.Id())));
        var lastSequence = inbox.Posted.Max(p => p.Sequence);

        await connection.StopAsync();
        var missed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add((await oov.PostOkAsync(Body(Unique($"Gemist {i}"), [lansinghage]))).Id());
        }

        await connection.StartAsync();
        var caughtUp = await connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", lastSequence);
        Assert.Equal(missed, caughtUp.Select(a => a.Id).ToList());
        Assert.Equal(caughtUp.Select(a => a.Sequence).Order(), caughtUp.Select(a => a.Sequence));

        // Nothing arrives twice: not pushed after the reconnect, and a repeated catch-up from the new high-water mark is empty.
        Assert.DoesNotContain(inbox.Posted, p => missed.Contains(p.Id));
        Assert.Empty(await connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", caughtUp.Max(a => a.Sequence)));

        var delivered = await app.WithDbAsync(db => db.AlertReceipts.Where(r => missed.Contains(r.AlertId) && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer))
            .CountAsync(r => r.DeliveredAt != null));
        Assert.Equal(3, delivered);
    }

    [Fact]
    public async Task The_alerts_api_lists_my_alerts_after_a_sequence_in_order()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var oov = await app.ClientForAsync(Oov);
        var first = await oov.PostOkAsync(Body(Unique("Een"), [lansinghage]));
        var second = await oov.PostOkAsync(Body(Unique("Twee"), [lansinghage]));
        var me = await app.ClientForAsync(Ondernemer);
        var after = await me.GetFromJsonAsync<List<AlertMessage>>($"/api/alerts?after={first.Sequence() - 1}");
        Assert.Equal([first.Id(), second.Id()], after!.Select(a => a.Id).Take(2).ToList());
        var rokkeveen = await app.ClientForAsync(Rokkeveen);
        var theirs = await rokkeveen.GetFromJsonAsync<List<AlertMessage>>($"/api/alerts?after={first.Sequence() - 1}");
        Assert.DoesNotContain(theirs!, a => a.Id == first.Id());
        Assert.Equal(HttpStatusCode.BadRequest, (await me.GetAsync("/api/alerts?after=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rokkeveen.GetAsync($"/api/alerts/{first.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Pijnacker)).GetAsync($"/api/alerts/{first.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Acknowledging_an_alert_not_targeted_at_you_is_404_and_twice_is_200_without_change()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(Unique("Bevestig"), [lansinghage], "urgent", ack: true));
        var rokkeveen = await app.ClientForAsync(Rokkeveen);
        Assert.Equal(HttpStatusCode.NotFound, (await rokkeveen.PostAsync($"/api/alerts/{posted.Id()}/acknowledgement", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rokkeveen.PostAsync($"/api/alerts/{Guid.NewGuid()}/acknowledgement", null)).StatusCode);

        var me = await app.ClientForAsync(Ondernemer);
        var first = await me.PostAsync($"/api/alerts/{posted.Id()}/acknowledgement", null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var at = await AckTimeAsync(posted.Id(), Ondernemer);
        Assert.NotNull(at);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await me.PostAsync($"/api/alerts/{posted.Id()}/acknowledgement", null);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(at, await AckTimeAsync(posted.Id(), Ondernemer));
        var receipt = await app.WithDbAsync(db => db.AlertReceipts.SingleAsync(r => r.AlertId == posted.Id() && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer)));
        Assert.NotNull(receipt.ReadAt);
        Assert.NotNull(receipt.DeliveredAt);
    }

    [Fact]
    public async Task Reading_marks_the_receipt_read_and_not_targeted_is_404()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(Unique("Lezen"), [lansinghage]));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).PostAsync($"/api/alerts/{posted.Id()}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Ondernemer)).PostAsync($"/api/alerts/{posted.Id()}/read", null)).StatusCode);
        var receipt = await app.WithDbAsync(db => db.AlertReceipts.SingleAsync(r => r.AlertId == posted.Id() && db.Members.Any(m => m.Id == r.MemberId && m.Email == Ondernemer)));
        Assert.NotNull(receipt.ReadAt);
        Assert.Null(receipt.AcknowledgedAt);
    }

    [Fact]
    public async Task Receipts_are_for_the_poster_and_staff_only_and_update_live_for_the_poster()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var (posterConnection, posterInbox) = await app.ListenAsync(Bestuur);
        await using var _ = posterConnection;
        var board = await app.ClientForAsync(Bestuur);
        var posted = await board.PostOkAsync(Body(Unique("Ontvangst"), [lansinghage], "urgent", ack: true));

        var summary = await board.GetFromJsonAsync<AlertReceiptSummary>($"/api/alerts/{posted.Id()}/receipts");
        Assert.True(summary!.Recipients >= 2);
        Assert.Equal(0, summary.Acknowledged);
        Assert.Contains(summary.NotAcknowledged, r => r.Name == "Olaf Ondernemer");

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(Ro)).GetAsync($"/api/alerts/{posted.Id()}/receipts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(Ondernemer)).GetAsync($"/api/alerts/{posted.Id()}/receipts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Rokkeveen)).GetAsync($"/api/alerts/{posted.Id()}/receipts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(Pijnacker)).GetAsync($"/api/alerts/{posted.Id()}/receipts")).StatusCode);

        await (await app.ClientForAsync(Ondernemer)).PostAsync($"/api/alerts/{posted.Id()}/acknowledgement", null);
        Assert.True(await app.WaitForReceiptsAsync(posterInbox, i => i.Receipts.Any(r => r.AlertId == posted.Id() && r.Acknowledged == 1)));
        var live = posterInbox.Receipts.Last(r => r.AlertId == posted.Id());
        Assert.DoesNotContain(live.NotAcknowledged, r => r.Name == "Olaf Ondernemer");
        Assert.Equal(1, live.Read);
    }

    [Fact]
    public async Task Fifty_deliveries_in_a_burst_reach_poster_and_staff_as_one_summary_and_never_an_entrepreneur()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var recipients = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            recipients.Add(await app.CreateMemberAsync(roles: [("entrepreneur", "lansinghage")]));
        }

        var (posterConnection, posterInbox) = await app.ListenAsync(Bestuur);
        await using var _ = posterConnection;
        var (staffConnection, staffInbox) = await app.ListenAsync(Ro);
        await using var __ = staffConnection;
        var (entrepreneurConnection, entrepreneurInbox) = await app.ListenAsync(recipients[0]);
        await using var ___ = entrepreneurConnection;

        var posted = await (await app.ClientForAsync(Bestuur)).PostOkAsync(Body(Unique("Golf"), [lansinghage]));
        Assert.True(await entrepreneurInbox.WaitForAsync(i => i.Posted.Any(a => a.Id == posted.Id())));

        // The first half over the hub as a browser does, the rest through the API; the fake clock stands still
        // meanwhile, so no broadcast pass can run before all fifty are stored.
        Assert.True(await entrepreneurConnection.InvokeAsync<bool>("AlertDelivered", posted.Id()));
        foreach (var email in recipients.Skip(1).Take(24))
        {
            var connection = await app.ConnectLiveAsync(email);
            await using (connection)
            {
                Assert.True(await connection.InvokeAsync<bool>("AlertDelivered", posted.Id()));
            }
        }

        foreach (var email in recipients.Skip(25))
        {
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(email)).PostAsync($"/api/alerts/{posted.Id()}/read", null)).StatusCode);
        }

        Assert.True(await app.WaitForReceiptsAsync(posterInbox, i => i.Receipts.Any(r => r.AlertId == posted.Id())));
        Assert.True(await staffInbox.WaitForAsync(i => i.Receipts.Any(r => r.AlertId == posted.Id())));

        // One pass summarised all fifty changes at once.
        var summary = Assert.Single(posterInbox.Receipts, r => r.AlertId == posted.Id());
        Assert.Equal(50, summary.Delivered);
        Assert.Equal(25, summary.Read);
        Assert.Single(staffInbox.Receipts, r => r.AlertId == posted.Id());
        Assert.Empty(entrepreneurInbox.Receipts);
    }

    [Fact]
    public async Task Catching_up_several_alerts_in_one_save_updates_the_poster_and_no_listener_fails_after_commit()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var member = await app.CreateMemberAsync(roles: [("entrepreneur", "lansinghage")]);
        var (posterConnection, posterInbox) = await app.ListenAsync(Bestuur);
        await using var _ = posterConnection;
        var board = await app.ClientForAsync(Bestuur);
        var posted = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            posted.Add(await board.PostOkAsync(Body(Unique("Inhaal"), [lansinghage])));
        }

        var ids = posted.Select(p => p.Id()).ToArray();
        var connection = await app.ConnectLiveAsync(member);
        await using (connection)
        {
            // One SaveChanges marks three receipts delivered: on SQLite that is EF's own multi-statement transaction,
            // whose commit used to run the listener on the request's context before the transaction was cleared.
            var missed = await connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", posted[0].Sequence() - 1);
            Assert.Equal(ids, missed.Select(m => m.Id).Where(ids.Contains));
        }

        var failures = CapturedLogs.All.Where(l => l.Contains("AlertReceiptsChanged failed in a listener", StringComparison.Ordinal)).ToArray();
        Assert.True(failures.Length == 0, string.Join(Environment.NewLine, failures));
        Assert.True(await app.WaitForReceiptsAsync(posterInbox, i => ids.All(id => i.Receipts.Any(r => r.AlertId == id && r.Delivered == 1))));
    }

    [Fact]
    public async Task Hub_delivery_reports_change_only_the_callers_own_receipt()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(Unique("Afgeleverd"), [lansinghage]));
        var (other, _) = await app.ListenAsync(Rokkeveen);
        await using (other)
        {
            Assert.False(await other.InvokeAsync<bool>("AlertDelivered", posted.Id()));
            Assert.False(await other.InvokeAsync<bool>("AlertRead", posted.Id()));
            Assert.DoesNotContain(await other.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", posted.Sequence() - 1), a => a.Id == posted.Id());
        }

        var (mine, _) = await app.ListenAsync(Ondernemer);
        await using (mine)
        {
            Assert.True(await mine.InvokeAsync<bool>("AlertDelivered", posted.Id()));
        }

        var receipts = await app.WithDbAsync(db => db.AlertReceipts.Where(r => r.AlertId == posted.Id() && r.DeliveredAt != null)
            .Join(db.Members, r => r.MemberId, m => m.Id, (r, m) => m.Email!).ToListAsync());
        Assert.Equal([Ondernemer], receipts);
    }

    [Fact]
    public async Task A_batch_of_delivery_reports_marks_exactly_the_pairs_reported_and_answers_each_caller()
    {
        // Two alerts to the same two members, each member reporting a different one in the same batch: the
        // batched write must not mark the other (alert, member) pairs its query also matches.
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var oov = await app.ClientForAsync(Oov);
        var first = (await oov.PostOkAsync(Body(Unique("Batch een"), [lansinghage]))).Id();
        var second = (await oov.PostOkAsync(Body(Unique("Batch twee"), [lansinghage]))).Id();
        var ondernemer = await app.WithDbAsync(db => db.Members.Where(m => m.Email == Ondernemer).Select(m => m.Id).SingleAsync());
        var bestuur = await app.WithDbAsync(db => db.Members.Where(m => m.Email == Bestuur).Select(m => m.Id).SingleAsync());
        var rokkeveen = await app.WithDbAsync(db => db.Members.Where(m => m.Email == Rokkeveen).Select(m => m.Id).SingleAsync());
        var batcher = app.Services.GetRequiredService<AlertDeliveryBatcher>();

        var answers = await Task.WhenAll(
            batcher.MarkDeliveredAsync(first, ondernemer, CancellationToken.None),
            batcher.MarkDeliveredAsync(second, bestuur, CancellationToken.None),
            batcher.MarkDeliveredAsync(first, rokkeveen, CancellationToken.None), // not theirs
            batcher.MarkDeliveredAsync(first, ondernemer, CancellationToken.None)); // twice: still one receipt

        Assert.Equal(first, answers[0]?.Id);
        Assert.Equal(second, answers[1]?.Id);
        Assert.Null(answers[2]);
        Assert.Equal(first, answers[3]?.Id);
        var delivered = await app.WithDbAsync(db => db.AlertReceipts
            .Where(r => (r.AlertId == first || r.AlertId == second) && (r.MemberId == ondernemer || r.MemberId == bestuur) && r.DeliveredAt != null)
            .Select(r => new { r.AlertId, r.MemberId }).ToListAsync());
        Assert.Equal(2, delivered.Count);
        Assert.Contains(delivered, d => d.AlertId == first && d.MemberId == ondernemer);
        Assert.Contains(delivered, d => d.AlertId == second && d.MemberId == bestuur);
    }

    [Fact]
    public async Task An_account_without_a_tenant_cannot_use_the_alert_hub_methods()
    {
        var connection = await app.ConnectLiveAsync("admin@pps.demo", start: false);
        await using var _ = connection;
        var refused = false;
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync<List<AlertMessage>>("CatchUpAlerts", 0L);
        }
        catch (Exception ex) when (ex is HttpRequestException or HubException or InvalidOperationException or TaskCanceledException or IOException)
        {
            refused = true;
        }

        Assert.True(refused);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("admin@pps.demo")).GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task Unacknowledged_urgent_alerts_are_emailed_once_after_the_configured_time_to_non_acknowledgers_only_with_a_link_that_acknowledges_on_POST()
    {
        var acknowledger = await app.CreateMemberAsync(roles: [("entrepreneur", "hoornwijck")]);
        var silent = await app.CreateMemberAsync(roles: [("entrepreneur", "hoornwijck")]);
        var hoornwijck = await app.EstateIdAsync("hoornwijck");
        var title = Unique("Brand");
        var posted = await (await app.ClientForAsync(Oov)).PostOkAsync(Body(title, [hoornwijck], "urgent", ack: true));
        await (await app.ClientForAsync(acknowledger)).PostAsync($"/api/alerts/{posted.Id()}/acknowledgement", null);

        // Not yet due: nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunJobAsync<EscalateUnacknowledgedAlertsJob>();
        await app.RunJobAsync<Pps.Web.Infrastructure.Email.SendQueuedEmailJob>();
        Assert.Empty(app.Smtp.To(silent));

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.RunJobAsync<EscalateUnacknowledgedAlertsJob>();
        await app.RunJobAsync<Pps.Web.Infrastructure.Email.SendQueuedEmailJob>();
        var mail = Assert.Single(app.Smtp.To(silent));
        Assert.Contains(title, mail.Subject);
        Assert.Empty(app.Smtp.To(acknowledger));
        Assert.Contains("/Alerts/Ack?token=", mail.TextBody);

        await app.RunJobAsync<EscalateUnacknowledgedAlertsJob>();
        await app.RunJobAsync<Pps.Web.Infrastructure.Email.SendQueuedEmailJob>();
        Assert.Single(app.Smtp.To(silent));
        Assert.Empty(app.Smtp.To(acknowledger));

        // The one-click link: a GET (mail scanners follow links) shows a form; only the POST acknowledges.
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/Alerts/Ack\?token=\S+").Value;
        var path = new Uri(link).PathAndQuery;

        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Null(await AckTimeAsync(posted.Id(), silent)); // a mail scanner following the link changes nothing

        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var token = System.Net.WebUtility.UrlDecode(path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var confirm = await browser.PostAsync("/Alerts/Ack", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.NotNull(await AckTimeAsync(posted.Id(), silent));

        var forged = await browser.GetAsync("/Alerts/Ack?token=" + Uri.EscapeDataString(token[..^3] + "AAA"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        using var scope = app.Services.CreateScope();
        var silentId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == silent).Select(m => m.Id).SingleAsync());
        var tokens = scope.ServiceProvider.GetRequiredService<AlertAckTokens>();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Alerts/Ack?token=" + Uri.EscapeDataString(tokens.Create(posted.Id(), silentId, DateTimeOffset.UtcNow.AddMinutes(5))))).StatusCode);
        var expired = tokens.Create(posted.Id(), silentId, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Alerts/Ack?token=" + Uri.EscapeDataString(expired))).StatusCode);
    }

    [Fact]
    public async Task Members_choose_which_severities_also_reach_them_by_email()
    {
        var member = await app.CreateMemberAsync(roles: [("entrepreneur", "zoeterhage")]);
        var client = await app.ClientForAsync(member);
        var empty = await client.GetFromJsonAsync<AlertPreferencesView>("/api/alerts/preferences");
        Assert.Empty(empty!.EmailSeverities);
        var bad = await client.PutAsJsonAsync("/api/alerts/preferences", new { emailSeverities = new[] { "loud" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("emailSeverities", out _));
        var saved = await client.PutAsJsonAsync("/api/alerts/preferences", new { emailSeverities = new[] { "warning" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["warning"], (await client.GetFromJsonAsync<AlertPreferencesView>("/api/alerts/preferences"))!.EmailSeverities);

        var zoeterhage = await app.EstateIdAsync("zoeterhage");
        var oov = await app.ClientForAsync(Oov);
        var info = Unique("Info");
        var warning = Unique("Waarschuwing");
        await oov.PostOkAsync(Body(info, [zoeterhage], "info"));
        await oov.PostOkAsync(Body(warning, [zoeterhage], "warning"));
        await app.RunJobAsync<Pps.Web.Infrastructure.Email.SendQueuedEmailJob>();
        var mail = Assert.Single(app.Smtp.To(member));
        Assert.Contains(warning, mail.Subject);
    }

    [Fact]
    public async Task A_post_to_300_members_stores_one_receipt_each_with_its_tenant_and_sequence_and_none_for_the_poster_or_erased_members()
    {
        // A tenant and estate of its own (a new estate in a demo tenant would change what other tests count): 300
        // entrepreneurs, two erased members who still hold their role, and a board member who posts.
        var slug = "many-" + Guid.NewGuid().ToString("N")[..10];
        var now = app.Clock.GetUtcNow();
        var (tenantId, estateId, members, erased) = await app.WithDbAsync(async db =>
        {
            var tenant = new Pps.Web.Features.Tenancy.Tenant { Name = "Alerts " + slug, Slug = slug, CreatedAt = now };
            db.Tenants.Add(tenant);
            var tenantId = tenant.Id;
            var estate = new Pps.Web.Features.Tenancy.Estate
            {
                TenantId = tenantId, Name = slug, Slug = slug, CreatedAt = now,
                OutlineGeoJson = """{"type":"Polygon","coordinates":[[[4.48,52.05],[4.49,52.05],[4.49,52.06],[4.48,52.05]]]}""",
            };
            db.Estates.Add(estate);
            var created = Enumerable.Range(0, 302).Select(i => new Pps.Web.Features.Members.Member
            {
                UserName = $"{slug}-{i}@test.demo", Email = $"{slug}-{i}@test.demo", DisplayName = $"Lid {i}", TenantId = tenantId,
                VettingLevel = Pps.Web.Features.Members.VettingLevel.Vetted, CreatedAt = now, ErasedAt = i >= 300 ? now : null,
            }).ToList();
            db.Members.AddRange(created);
            db.RoleAssignments.AddRange(created.Select(m => new Pps.Web.Features.Members.RoleAssignment
            {
                TenantId = tenantId, MemberId = m.Id, Role = "entrepreneur", EstateId = estate.Id, AssignedAt = now,
            }));
            // E-mail preferences: three want warnings, one only urgent alerts, and an erased member wants warnings.
            db.AlertPreferences.AddRange(
                new AlertPreferences { MemberId = created[0].Id, EmailSeverities = "warning" },
                new AlertPreferences { MemberId = created[1].Id, EmailSeverities = "info,warning" },
                new AlertPreferences { MemberId = created[299].Id, EmailSeverities = "warning,urgent" },
                new AlertPreferences { MemberId = created[2].Id, EmailSeverities = "urgent" },
                new AlertPreferences { MemberId = created[300].Id, EmailSeverities = "warning" });
            await db.SaveChangesAsync();
            return (tenantId, estate.Id, created.Take(300).ToList(), created.Skip(300).Select(m => m.Id).ToList());
        });
        var board = await app.CreateMemberAsync(slug, roles: [("board", slug)]);
        var boardId = await app.WithDbAsync(db => db.Members.Where(m => m.Email == board).Select(m => m.Id).SingleAsync());

        var alert = await (await app.ClientForAsync(board)).PostOkAsync(Body(Unique("Velen"), [estateId], "warning"));

        Assert.Equal(300, alert.GetProperty("recipients").GetInt32());
        var receipts = await app.WithDbAsync(db => db.AlertReceipts.Where(r => r.AlertId == alert.Id()).ToListAsync());
        Assert.Equal(300, receipts.Count);
        Assert.Equal(members.Select(m => m.Id).Order(), receipts.Select(r => r.MemberId).Order());
        Assert.All(receipts, r =>
        {
            Assert.Equal(tenantId, r.TenantId);
            Assert.Equal(alert.Sequence(), r.Sequence);
            Assert.Null(r.DeliveredAt);
            Assert.Null(r.ReadAt);
            Assert.Null(r.AcknowledgedAt);
            Assert.Null(r.EscalatedAt);
        });
        Assert.DoesNotContain(receipts, r => r.MemberId == boardId || erased.Contains(r.MemberId));

        // Compared in SQL as well: the stored ids must match the members' rows as stored, not only after parsing.
        Assert.Equal(300, await app.WithDbAsync(db => db.AlertReceipts.CountAsync(r => r.AlertId == alert.Id()
            && db.Members.Any(m => m.Id == r.MemberId && m.TenantId == r.TenantId && m.Email!.StartsWith(slug)))));

        var mailed = await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.Purpose == $"alert:{alert.Id()}").Select(e => e.To).ToListAsync());
        Assert.Equal(new[] { members[0].Email, members[1].Email, members[299].Email }.Order(), mailed.Order());
    }

    private async Task<DateTimeOffset?> AckTimeAsync(Guid alertId, string email)
        => await app.WithDbAsync(db => db.AlertReceipts
            .Where(r => r.AlertId == alertId && db.Members.Any(m => m.Id == r.MemberId && m.Email == email))
            .Select(r => r.AcknowledgedAt).SingleAsync());

    private static async Task AssertBadRequestAsync(HttpClient client, object body, string field)
    {
        var response = await client.PostAsJsonAsync("/api/alerts", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}

[Collection(SqliteApp.Collection)]
public sealed class AlertsTestsOnSqlite(SqliteApp app) : AlertsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class AlertsTestsOnPostgres(PostgresApp app) : AlertsTests(app);
