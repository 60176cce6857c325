using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Meetings;
using static Pps.Tests.Meetings.MeetingTestKit;

namespace Pps.Tests.Meetings;

public abstract class MeetingsTests(PpsApp app)
{
    private const string Ez = "ez@zoetermeer.demo";

    private Task<string> EntrepreneurAsync() => app.CreateMember(("entrepreneur", "lansinghage"));

    [Fact]
    public async Task An_invitation_mails_an_ics_request_with_the_online_link_that_a_strict_parser_accepts()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "PPS-overleg " + Guid.NewGuid().ToString("N")[..6], [Person(await MemberIdAsync(app, guest))], onlineUrl: "https://meet.example.org/pps-overleg");

        var mail = Assert.Single(await MailAsync(app, guest));
        var (method, text) = Assert.Single(Calendars(mail));
        Assert.Equal("REQUEST", method);
        Assert.Contains("\r\n ", text, StringComparison.Ordinal); // long lines are folded, and the parser unfolds them
        var calendar = StrictIcsParser.Parse(text);
        Assert.Equal("REQUEST", calendar["METHOD"]);
        var evt = Assert.Single(calendar.Events);
        Assert.Equal($"{id:N}@pps-hub", evt["UID"]);
        Assert.Equal("0", evt["SEQUENCE"]);
        Assert.Equal("https://meet.example.org/pps-overleg", evt["URL"]);
        Assert.Contains("https://meet.example.org/pps-overleg", StrictIcsParser.Text(evt["DESCRIPTION"]!), StringComparison.Ordinal);
        Assert.Contains("Edisonstraat 1", StrictIcsParser.Text(evt["LOCATION"]!), StringComparison.Ordinal);
        Assert.EndsWith("Z", evt["DTSTART"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_sends_the_same_UID_with_a_higher_sequence_and_a_cancellation_sends_METHOD_CANCEL()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Te verzetten " + Guid.NewGuid().ToString("N")[..6], [Person(await MemberIdAsync(app, guest))]);

        var update = await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = "Verzet overleg", start = LocalAt(app, 4), end = LocalAt(app, 4, 11), address = "Bleiswijkseweg 10" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ez.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);

        var calendars = (await MailAsync(app, guest)).SelectMany(Calendars).ToList();
        Assert.Equal(3, calendars.Count);
        var events = calendars.Select(c => (c.Method, Calendar: StrictIcsParser.Parse(c.Text))).ToList();
        Assert.All(events, e => Assert.Equal($"{id:N}@pps-hub", Assert.Single(e.Calendar.Events)["UID"]));
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], events.Select(e => e.Calendar["METHOD"]));
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], events.Select(e => e.Method));
        Assert.Equal(["0", "1", "2"], events.Select(e => e.Calendar.Events.Single()["SEQUENCE"]));
        Assert.Equal("Verzet overleg", events[1].Calendar.Events.Single()["SUMMARY"]);
        Assert.Equal("CANCELLED", events[2].Calendar.Events.Single()["STATUS"]);
    }

    [Theory]
    [InlineData("end")]
    [InlineData("past")]
    [InlineData("capacity")]
    [InlineData("dst")]
    [InlineData("otherTenant")]
    [InlineData("otherTenantOrganisation")]
    [InlineData("noStart")]
    public async Task Bad_meeting_input_is_a_400_naming_the_field_and_stores_nothing(string problem)
    {
        var ez = await app.ClientForAsync(Ez);
        var title = "Fout " + Guid.NewGuid().ToString("N")[..8];
        var pijnackerMember = await MemberIdAsync(app, "oov@pijnacker.demo");
        var pijnackerOrganisation = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == "oov@pijnacker.demo")).OrganisationId!.Value);
        var (start, end, capacity, invite, field) = problem switch
        {
            "end" => (LocalAt(app, 3, 12), LocalAt(app, 3, 10), (int?)null, Array.Empty<object>(), "end"),
            "past" => (LocalAt(app, -2), LocalAt(app, -2, 12), null, [], "start"),
            "capacity" => (LocalAt(app, 3), LocalAt(app, 3, 12), -1, [], "capacity"),
            "dst" => ("2027-03-28T02:30:00", "2027-03-28T04:00:00", null, [], "start"),
            "otherTenant" => (LocalAt(app, 3), LocalAt(app, 3, 12), null, [Person(pijnackerMember)], "invite"),
            "noStart" => ("0001-01-01T00:00:00", LocalAt(app, 3, 12), null, [], "start"),
            _ => (LocalAt(app, 3), LocalAt(app, 3, 12), null, [new { kind = "organisation", value = pijnackerOrganisation.ToString() }], "invite"),
        };
        var response = await ez.PostAsJsonAsync("/api/meetings", new
        {
            title, kind = "schouwDay", start, end, capacity, invite, estateIds = new[] { await app.EstateIdAsync("lansinghage") },
        });
        await AssertInvalidAsync(response, field);
        Assert.False(await app.WithDbAsync(db => db.Meetings.AnyAsync(m => m.Title == title)));
    }

    [Fact]
    public async Task A_bad_change_is_a_400_naming_the_field_and_changes_nothing()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Niet te breken", [Person(await MemberIdAsync(app, guest))], capacity: 2);
        await Rsvp(await app.ClientForAsync(guest), id, "yes");
        await AssertInvalidAsync(await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = "X", start = LocalAt(app, 4, 12), end = LocalAt(app, 4, 10) }), "end");
        await AssertInvalidAsync(await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = "X", start = "2027-03-28T02:15:00", end = "2027-03-28T05:00:00" }), "start");
        await AssertInvalidAsync(await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = "X", start = LocalAt(app, 4), end = LocalAt(app, 4, 12), onlineUrl = "javascript:alert(1)" }), "onlineUrl");
        await AssertInvalidAsync(await ez.PutAsJsonAsync($"/api/meetings/{id}", new { title = "", start = LocalAt(app, 4), end = LocalAt(app, 4, 12) }), "title");
        var meeting = await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal("Niet te breken", meeting.Title);
        Assert.Equal(0, meeting.Sequence);
    }

    [Fact]
    public async Task Local_times_are_stored_in_UTC_across_the_summer_time_change()
    {
        var ez = await app.ClientForAsync(Ez);
        var response = await ez.PostAsJsonAsync("/api/meetings", new
        {
            title = "Nachtschouw over de klokwissel", kind = "schouwNight", start = "2027-03-27T22:00:00", end = "2027-03-28T04:00:00",
            estateIds = new[] { await app.EstateIdAsync("lansinghage") }, address = "Lansinghage",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var meeting = await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 21, 0, 0, TimeSpan.Zero), meeting.StartUtc);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 2, 0, 0, TimeSpan.Zero), meeting.EndUtc); // 04:00 summer time is UTC+2
    }

    [Fact]
    public async Task The_waitlist_moves_up_when_someone_with_a_place_declines_and_the_first_waiting_is_mailed()
    {
        var first = await EntrepreneurAsync();
        var second = await EntrepreneurAsync();
        var third = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Schouw met één plek", [Person(await MemberIdAsync(app, first)), Person(await MemberIdAsync(app, second)), Person(await MemberIdAsync(app, third))], capacity: 1, kind: "schouwDay");

        var a = await app.ClientForAsync(first);
        var b = await app.ClientForAsync(second);
        var c = await app.ClientForAsync(third);
        Assert.False((await Rsvp(a, id, "yes")).GetProperty("waitlisted").GetBoolean());
        Assert.True((await Rsvp(b, id, "yes", "graag")).GetProperty("waitlisted").GetBoolean());
        Assert.True((await Rsvp(c, id, "yes")).GetProperty("waitlisted").GetBoolean());
        await MailAsync(app, second);
        var before = app.Smtp.To(second).Count;

        await Rsvp(a, id, "no", "toch verhinderd");

        var attendees = await ez.GetFromJsonAsync<JsonElement[]>($"/api/meetings/{id}/attendees");
        var (firstId, secondId, thirdId) = (await MemberIdAsync(app, first), await MemberIdAsync(app, second), await MemberIdAsync(app, third));
        var bRow = attendees!.Single(x => x.GetProperty("memberId").GetGuid() == secondId);
        Assert.Equal("yes", bRow.GetProperty("response").GetString());
        Assert.False(bRow.GetProperty("waitlisted").GetBoolean());
        Assert.Equal("graag", bRow.GetProperty("comment").GetString());
        var cRow = attendees!.Single(x => x.GetProperty("memberId").GetGuid() == thirdId);
        Assert.True(cRow.GetProperty("waitlisted").GetBoolean());
        Assert.Equal(1, cRow.GetProperty("waitlistPosition").GetInt32());
        var aRow = attendees!.Single(x => x.GetProperty("memberId").GetGuid() == firstId);
        Assert.Equal("no", aRow.GetProperty("response").GetString());
        Assert.Equal("toch verhinderd", aRow.GetProperty("comment").GetString());

        var mails = await MailAsync(app, second);
        Assert.Equal(before + 1, mails.Count);
        Assert.Empty(Calendars(mails[^1]));
        Assert.DoesNotContain(await MailAsync(app, third), m => !Calendars(m).Any());
    }

    [Fact]
    public async Task The_organiser_hears_an_RSVP_live_and_others_do_not()
    {
        var guest = await EntrepreneurAsync();
        var bystander = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Live lijst", [Person(await MemberIdAsync(app, guest)), Person(await MemberIdAsync(app, bystander))]);

        await using var organiser = await app.ConnectLiveAsync(Ez);
        await using var other = await app.ConnectLiveAsync(bystander);
        var heard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherHeard = false;
        organiser.On<JsonElement>("RsvpChanged", m =>
        {
            if (m.GetProperty("meetingId").GetGuid() == id)
            {
                heard.TrySetResult(m);
            }
        });
        other.On<JsonElement>("RsvpChanged", _ => otherHeard = true);

        await Rsvp(await app.ClientForAsync(guest), id, "maybe", "ik probeer het");

        var message = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(message.GetProperty("sequence").GetInt32() >= 1);
        var guestId = await MemberIdAsync(app, guest);
        var row = message.GetProperty("attendees").EnumerateArray().Single(x => x.GetProperty("memberId").GetGuid() == guestId);
        Assert.Equal("maybe", row.GetProperty("response").GetString());
        Assert.False(otherHeard);
    }

    [Fact]
    public async Task Who_was_not_invited_cannot_RSVP_see_the_meeting_or_the_attendee_list()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Besloten overleg", [Person(await MemberIdAsync(app, guest))]);
        var outsider = await app.ClientForAsync(await EntrepreneurAsync());
        var otherTenant = await app.ClientForAsync("oov@pijnacker.demo");
        var invited = await app.ClientForAsync(guest);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/meetings/{id}/rsvp", new { response = "yes" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.PostAsJsonAsync($"/api/meetings/{id}/rsvp", new { response = "yes" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.GetAsync($"/api/meetings/{id}/attendees")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.PutAsJsonAsync($"/api/meetings/{id}", new { title = "Gekaapt", start = LocalAt(app, 5), end = LocalAt(app, 5, 11) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invited.PutAsJsonAsync($"/api/meetings/{id}/minutes", new { minutes = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal("Besloten overleg", (await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id))).Title);
    }

    [Fact]
    public async Task Only_staff_and_the_estates_board_may_organise()
    {
        var estate = await app.EstateIdAsync("lansinghage");
        var rokkeveen = await app.EstateIdAsync("rokkeveen");
        object Body(Guid e) => new { title = "Bestuursvergadering", kind = "meeting", start = LocalAt(app, 6), end = LocalAt(app, 6, 11), estateIds = new[] { e } };
        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        var police = await app.ClientForAsync("politie@zoetermeer.demo");
        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await entrepreneur.PostAsJsonAsync("/api/meetings", Body(estate))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsJsonAsync("/api/meetings", Body(estate))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.PostAsJsonAsync("/api/meetings", Body(rokkeveen))).StatusCode);
        await AssertInvalidAsync(await pijnacker.PostAsJsonAsync("/api/meetings", Body(estate)), "estateIds");
        Assert.Equal(HttpStatusCode.Created, (await board.PostAsJsonAsync("/api/meetings", Body(estate))).StatusCode);
    }

    [Fact]
    public async Task A_reminder_is_mailed_once_the_configured_time_before_the_start()
    {
        var guest = await EntrepreneurAsync();
        var decliner = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        // Starts just over the reminder time from now; the shared fake clock only moves ten minutes.
        var id = await CreateAsync(app, ez, "Herinnering " + Guid.NewGuid().ToString("N")[..6], [Person(await MemberIdAsync(app, guest)), Person(await MemberIdAsync(app, decliner))],
            start: LocalIn(app, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5)), end: LocalIn(app, TimeSpan.FromHours(26)));
        await Rsvp(await app.ClientForAsync(decliner), id, "no");
        var invitationMails = (await MailAsync(app, guest)).Count;

        await app.RunJobAsync<SendMeetingRemindersJob>();
        Assert.Equal(invitationMails, (await MailAsync(app, guest)).Count);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunJobAsync<SendMeetingRemindersJob>();
        await app.RunJobAsync<SendMeetingRemindersJob>();
        var mails = await MailAsync(app, guest);
        Assert.Equal(invitationMails + 1, mails.Count);
        Assert.Empty(Calendars(mails[^1]));
        Assert.DoesNotContain(await MailAsync(app, decliner), m => !Calendars(m).Any());
    }

    [Fact]
    public async Task The_private_feed_lists_my_meetings_parses_strictly_and_a_tampered_or_revoked_token_is_404()
    {
        var member = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var mine = await CreateAsync(app, ez, "In mijn feed", [Person(await MemberIdAsync(app, member))], onlineUrl: "https://meet.example.org/feed");
        var notMine = await CreateAsync(app, ez, "Niet in mijn feed", []);
        var client = await app.ClientForAsync(member);

        var url = new Uri((await (await client.PostAsync("/api/meetings/calendar-token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        var token = url.AbsolutePath["/calendar/".Length..^".ics".Length];
        Assert.True(token.Length >= 22);
        Assert.False(await app.WithDbAsync(db => db.CalendarFeedTokens.AnyAsync(t => t.TokenHash.Contains(token))));
        var anonymous = app.AnonymousClient();
        var feed = await anonymous.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = StrictIcsParser.Parse(await feed.Content.ReadAsStringAsync());
        Assert.Contains(calendar.Events, e => e["UID"] == $"{mine:N}@pps-hub" && e["URL"] == "https://meet.example.org/feed");
        Assert.DoesNotContain(calendar.Events, e => e["UID"] == $"{notMine:N}@pps-hub");

        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/calendar/{tampered}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/short.ics")).StatusCode);

        var regenerated = new Uri((await (await client.PostAsync("/api/meetings/calendar-token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(regenerated.AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/meetings/calendar-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(regenerated.AbsolutePath)).StatusCode);
    }

    [Fact]
    public async Task Minutes_are_rendered_from_Markdown_and_sanitised()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Notulen", [Person(await MemberIdAsync(app, guest))]);
        var response = await ez.PutAsJsonAsync($"/api/meetings/{id}/minutes", new
        {
            minutes = "# Verslag\n\n**Besloten**: camera's plaatsen.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>",
            decisions = "Camera's bij de ingang",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await (await app.ClientForAsync(guest)).GetFromJsonAsync<JsonElement>($"/api/meetings/{id}");
        var html = detail.GetProperty("minutesHtml").GetString()!;
        Assert.Contains("<strong>Besloten</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("minutesMarkdown").ValueKind);
        Assert.Equal("Camera's bij de ingang", detail.GetProperty("decisions").GetString());

        // Within the Markdown limit but too long once formatted: refused, the earlier minutes stay.
        var bloated = string.Concat(Enumerable.Repeat("- a\n", 12_000));
        await AssertInvalidAsync(await ez.PutAsJsonAsync($"/api/meetings/{id}/minutes", new { minutes = bloated }), "minutes");
        Assert.Contains("<strong>Besloten</strong>", (await app.WithDbAsync(db => db.Meetings.SingleAsync(m => m.Id == id))).MinutesHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_becomes_an_action_on_the_estates_plan_overdue_first_with_a_CSV_export()
    {
        var ez = await app.ClientForAsync(Ez);
        var estate = await app.CreateEstateForTestAsync();
        var id = await CreateAsync(app, ez, "Schouw " + estate.Slug, [], estate: estate.Slug, kind: "schouwNight");
        var finding = await ez.PostAsJsonAsync($"/api/meetings/{id}/findings", new { description = "=Kapotte lantaarnpaal bij nr. 12", longitude = 4.47, latitude = 52.05, photo = TinyPng() });
        Assert.Equal(HttpStatusCode.Created, finding.StatusCode);
        var findingId = (await finding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Amsterdam).DateTime);
        var ezOrganisation = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == Ez)).OrganisationId!.Value);

        Assert.Equal(HttpStatusCode.Created, (await ez.PostAsJsonAsync($"/api/meetings/findings/{findingId}/action", new { ownerOrganisationId = ezOrganisation, dueDate = today.AddDays(30) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ez.PostAsJsonAsync($"/api/meetings/{id}/actions", new { title = "Hekwerk herstellen", dueDate = today.AddDays(-3) })).StatusCode);
        var done = await ez.PostAsJsonAsync($"/api/meetings/{id}/actions", new { title = "Al gedaan", dueDate = today.AddDays(-10) });
        var doneId = (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ez.PutAsJsonAsync($"/api/meetings/actions/{doneId}/status", new { status = "done" })).StatusCode);

        var plan = await ez.GetFromJsonAsync<JsonElement>($"/api/meetings/action-plan/{estate.Id}");
        var items = plan.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("overdue").GetBoolean());
        Assert.Equal("Hekwerk herstellen", items[0].GetProperty("action").GetProperty("title").GetString());
        Assert.Equal(findingId, items[1].GetProperty("action").GetProperty("findingId").GetGuid());

        var csv = await ez.GetStringAsync($"/api/meetings/action-plan/{estate.Id}/csv");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("action,owner,due,status,overdue,meeting", lines[0]);
        Assert.StartsWith("Hekwerk herstellen,", lines[1], StringComparison.Ordinal);
        Assert.Contains("'=Kapotte", lines[2], StringComparison.Ordinal);

        var photo = await ez.GetAsync($"/api/meetings/findings/{findingId}/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.StartsWith("image/", photo.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        var entrepreneur = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.GetAsync($"/api/meetings/action-plan/{estate.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.GetAsync($"/api/meetings/findings/{findingId}/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entrepreneur.PutAsJsonAsync($"/api/meetings/actions/{doneId}/status", new { status = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("oov@pijnacker.demo")).GetAsync($"/api/meetings/action-plan/{estate.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_finding_photo_that_is_not_an_image_is_refused_and_nothing_is_stored()
    {
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Schouw met foute foto", [], kind: "schouwDay");
        var response = await ez.PostAsJsonAsync($"/api/meetings/{id}/findings", new { description = "Geen foto", longitude = 4.47, latitude = 52.05, photo = "%PDF-1.7 not an image"u8.ToArray() });
        await AssertInvalidAsync(response, "photo");
        Assert.False(await app.WithDbAsync(db => db.Findings.AnyAsync(f => f.MeetingId == id)));
        await AssertInvalidAsync(await ez.PostAsJsonAsync($"/api/meetings/{id}/findings", new { description = "Buiten de wereld", longitude = 200, latitude = 52.05 }), "longitude");
    }

    [Fact]
    public async Task My_meetings_lists_upcoming_meetings_I_organise_or_am_invited_to()
    {
        var guest = await EntrepreneurAsync();
        var ez = await app.ClientForAsync(Ez);
        var id = await CreateAsync(app, ez, "Op mijn lijst", [Person(await MemberIdAsync(app, guest))]);
        var mine = await (await app.ClientForAsync(guest)).GetFromJsonAsync<JsonElement[]>("/api/meetings");
        Assert.Contains(mine!, m => m.GetProperty("id").GetGuid() == id && m.GetProperty("myResponse").GetString() == "none");
        var other = await (await app.ClientForAsync(await EntrepreneurAsync())).GetFromJsonAsync<JsonElement[]>("/api/meetings");
        Assert.DoesNotContain(other!, m => m.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Invitations_by_estate_role_and_organisation_resolve_to_members_at_invite_time_and_the_rules_are_kept()
    {
        var estate = await app.CreateEstateForTestAsync();
        var onEstate = await app.CreateMember(("entrepreneur", estate.Slug));
        var boardOnEstate = await app.CreateMember(("board", estate.Slug));
        var boardElsewhere = await app.CreateMember(("board", "rokkeveen"));
        var ez = await app.ClientForAsync(Ez);
        var police = await app.WithDbAsync(async db => (await db.Members.SingleAsync(m => m.Email == "politie@zoetermeer.demo")).OrganisationId!.Value);
        var id = await CreateAsync(app, ez, "Regels " + estate.Slug, [
            new { kind = "estate", value = estate.Id.ToString() },
            new { kind = "role", value = "board" },
            new { kind = "organisation", value = police.ToString() },
        ], estate: estate.Slug);

        var invited = await app.WithDbAsync(db => db.MeetingInvitees.Where(i => i.MeetingId == id).Join(db.Members, i => i.MemberId, m => m.Id, (i, m) => m.Email!).ToListAsync());
        Assert.Contains(onEstate, invited);
        Assert.Contains(boardOnEstate, invited);
        Assert.Contains("politie@zoetermeer.demo", invited);
        Assert.DoesNotContain(boardElsewhere, invited);
        Assert.DoesNotContain(Ez, invited);
        Assert.Equal(3, await app.WithDbAsync(db => db.Meetings.Where(m => m.Id == id).SelectMany(m => m.Rules).CountAsync()));

        // A member who joins the estate later is not invited retroactively.
        var later = await app.CreateMember(("entrepreneur", estate.Slug));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(later)).PostAsJsonAsync($"/api/meetings/{id}/rsvp", new { response = "yes" })).StatusCode);
    }

    [Fact]
    public async Task Two_answers_racing_for_the_last_place_give_it_to_exactly_one()
    {
        var members = new[] { await EntrepreneurAsync(), await EntrepreneurAsync(), await EntrepreneurAsync(), await EntrepreneurAsync() };
        var ez = await app.ClientForAsync(Ez);
        var invite = new List<object>();
        foreach (var m in members)
        {
            invite.Add(Person(await MemberIdAsync(app, m)));
        }

        var id = await CreateAsync(app, ez, "Laatste plek", [.. invite], capacity: 1);
        var clients = new List<HttpClient>();
        foreach (var m in members)
        {
            clients.Add(await app.ClientForAsync(m));
        }

        var answers = await Task.WhenAll(clients.Select(c => Rsvp(c, id, "yes")));
        Assert.Single(answers, a => !a.GetProperty("waitlisted").GetBoolean());
        Assert.Equal(1, await app.WithDbAsync(db => db.MeetingInvitees.CountAsync(i => i.MeetingId == id && i.Response == RsvpResponse.Yes && !i.Waitlisted)));
    }

    private static async Task<JsonElement> Rsvp(HttpClient client, Guid id, string response, string? comment = null)
    {
        var r = await client.PostAsJsonAsync($"/api/meetings/{id}/rsvp", new { response, comment });
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static byte[] TinyPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(4, 4);
        bitmap.Erase(SkiaSharp.SKColors.OrangeRed);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

[Collection(SqliteApp.Collection)]
public sealed class MeetingsTestsOnSqlite(SqliteApp app) : MeetingsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class MeetingsTestsOnPostgres(PostgresApp app) : MeetingsTests(app);

public abstract class MeetingPagesTests(PpsApp app)
{
    [Fact]
    public async Task Meeting_pages_render_for_the_organiser_and_are_404_for_who_may_not_see_them()
    {
        var guest = await app.CreateMember(("entrepreneur", "lansinghage"));
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var id = await CreateAsync(app, ez, "Paginaschouw", [Person(await MemberIdAsync(app, guest))], kind: "schouwDay");
        var estate = await app.EstateIdAsync("lansinghage");

        foreach (var path in new[] { "/Meetings", "/Meetings/New", $"/Meetings/{id}", "/Meetings/Calendar", $"/Meetings/ActionPlan/{estate}", $"/Meetings/ActionPlan/{estate}?print=true" })
        {
            var response = await ez.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1[ >]"));
        }

        var detail = await (await ez.GetAsync($"/Meetings/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"attendees\"", detail, StringComparison.Ordinal);
        var guestDetail = await (await (await app.ClientForAsync(guest)).GetAsync($"/Meetings/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"attendees\"", guestDetail, StringComparison.Ordinal);

        var outsider = await app.ClientForAsync(await app.CreateMember(("entrepreneur", "lansinghage")));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Meetings/ActionPlan/{estate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/Meetings/New")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_shows_my_upcoming_meetings()
    {
        var guest = await app.CreateMember(("entrepreneur", "lansinghage"));
        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var title = "Dashboardoverleg " + Guid.NewGuid().ToString("N")[..6];
        await CreateAsync(app, ez, title, [Person(await MemberIdAsync(app, guest))]);
        var html = await (await app.ClientForAsync(guest)).GetStringAsync("/Dashboard");
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains("dashboard-meetings", html, StringComparison.Ordinal);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class MeetingPagesTestsOnSqlite(SqliteApp app) : MeetingPagesTests(app);

[Collection(PostgresApp.Collection)]
public sealed class MeetingPagesTestsOnPostgres(PostgresApp app) : MeetingPagesTests(app);
