using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Signals;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Storage;
using static Pps.Tests.Signals.SignalsTestKit;

namespace Pps.Tests.Signals;

public abstract class SignalsTests(PpsApp app)
{
    private const string Oov = "oov@zoetermeer.demo";

    [Fact]
    public async Task An_anonymous_report_stores_and_logs_no_account_address_or_user_agent()
    {
        var capture = new CapturingLoggerProvider();
        // As verbose as an operator could make it: every category at Trace, through the hub's own filters.
        await using var logged = app.WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Trace")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace")
            .ConfigureLogging(l => l.AddProvider(capture)));
        const string address = "203.0.113.77";
        const string forwarded = "198.51.100.23";
        const string agent = "Mozilla/5.0 (X11; Tracer-7a1c) UniqueAgent/9.9";
        using var client = ClientFrom(logged.Server, IPAddress.Parse(address));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwarded);

        var response = await client.PostAsync("/api/signals/anonymous", Report(description: "Blinded windows and a generator humming all night."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var code = body.GetProperty("followUpCode").GetString()!;
        Assert.True(FollowUpCode.Normalise(code).Length * 5 >= 128, "the follow-up code carries at least 128 bits");

        Assert.Contains(capture.Lines, l => l.Contains("/api/signals/anonymous"));
        var leaks = capture.Lines.Where(l => l.Contains(address) || l.Contains(forwarded) || l.Contains("Tracer-7a1c") || l.Contains(code)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));

        await app.WithDbAsync(async db =>
        {
            var signal = await db.Signals.SingleAsync(s => s.Id == id);
            Assert.Equal(ReportMode.Anonymous, signal.Mode);
            Assert.Null(signal.ReporterId);
            Assert.NotNull(signal.FollowUpHash);
            Assert.Equal(signal.FollowUpHash, FollowUpCode.Hash(code));

            // No column of any row written for this report holds the address, the agent or the code.
            var rows = new List<object>([signal]);
            rows.AddRange(await db.SignalHistory.Where(h => h.SignalId == id).ToListAsync());
            var audit = await db.Set<AuditEntry>().Where(a => a.Object == $"signal:{id}").ToListAsync();
            rows.AddRange(audit);
            var text = JsonSerializer.Serialize(rows);
            Assert.DoesNotContain(address, text);
            Assert.DoesNotContain(forwarded, text);
            Assert.DoesNotContain("Tracer", text);
            Assert.DoesNotContain(FollowUpCode.Normalise(code), text);

            var entry = Assert.Single(audit);
            Assert.Equal("signal.reported", entry.Action);
            Assert.Null(entry.Origin);
            Assert.Null(entry.ActorId);
            Assert.Equal("anonymous", entry.Actor);
        });
    }

    [Fact]
    public async Task A_signed_in_member_using_the_anonymous_route_is_not_recorded()
    {
        var client = SignalsTestKit.ClientFrom(app.Server, SignalsTestKit.RandomAddress());
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenForAsync("ondernemer.lansinghage@zoetermeer.demo"));
        var response = await client.PostAsync("/api/signals/anonymous", Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (reporter, actor) = await app.WithDbAsync(async db => (
            (await db.Signals.SingleAsync(s => s.Id == id)).ReporterId,
            (await db.Set<AuditEntry>().SingleAsync(a => a.Object == $"signal:{id}")).ActorId));
        Assert.Null(reporter);
        Assert.Null(actor);
    }

    [Fact]
    public async Task Photo_metadata_EXIF_and_GPS_is_stripped_before_storage()
    {
        var original = JpegWithGps();
        Assert.True(Contains(original, "Exif"u8), "the test photo carries EXIF");
        Assert.NotNull(UploadInspector.Sniff(original) == UploadKind.Jpeg ? original : null);

        var (id, _) = await ReportAnonymouslyAsync(app, Report(photos: [original]));

        var photo = await app.WithDbAsync(db => db.SignalPhotos.SingleAsync(p => p.SignalId == id));
        Assert.StartsWith("signals/", photo.BlobKey);
        await using var scope = app.Services.CreateAsyncScope();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        await using var blob = await blobs.OpenAsync(photo.BlobKey);
        Assert.NotNull(blob);
        using var buffer = new MemoryStream();
        await blob.Content.CopyToAsync(buffer);
        var stored = buffer.ToArray();
        Assert.Equal(UploadKind.Jpeg, UploadInspector.Sniff(stored));
        Assert.False(Contains(stored, "Exif"u8), "the stored photo has no EXIF segment");
        Assert.False(Contains(stored, [0xFF, 0xE1]) && Contains(stored, "Exif"u8));
    }

    [Fact]
    public async Task A_member_report_shows_the_reporter_to_the_signals_desk_and_every_read_is_audited()
    {
        var id = await ReportAsMemberAsync(app, "bestuur.lansinghage@zoetermeer.demo");
        var oov = await app.ClientForAsync(Oov);
        var detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal("bestuur.lansinghage@zoetermeer.demo", detail.GetProperty("reporter").GetProperty("email").GetString());
        Assert.Equal("received", detail.GetProperty("status").GetString());

        await oov.GetAsync($"/api/signals/{id}");
        var export = await oov.GetAsync($"/api/signals/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Object == $"signal:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == "signal.viewed"));
        Assert.Single(actions, "signal.exported");
    }

    [Fact]
    public async Task A_confidential_reporter_is_revealed_only_after_a_second_signals_member_approves()
    {
        var id = await ReportAsMemberAsync(app, "ondernemer.rokkeveen@zoetermeer.demo", mode: "confidential");
        var oov = await app.ClientForAsync(Oov);
        var detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("reporter").ValueKind);
        Assert.True(detail.GetProperty("reporterHidden").GetBoolean());

        var tooShort = await oov.PostAsJsonAsync($"/api/signals/{id}/reveal-requests", new { reason = "" });
        await AssertFieldErrorAsync(tooShort, "reason");

        var requested = await oov.PostAsJsonAsync($"/api/signals/{id}/reveal-requests", new { reason = "Police need a witness statement for a warrant." });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var requestId = await requested.Content.ReadFromJsonAsync<Guid>();

        // The requester cannot approve their own request.
        var self = await oov.PostAsync($"/api/signals/{id}/reveal-requests/{requestId}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("reporter").ValueKind);

        // A member of another desk or tenant cannot approve either.
        var pijnacker = await app.ClientForAsync("oov@pijnacker.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await pijnacker.PostAsync($"/api/signals/{id}/reveal-requests/{requestId}/approve", null)).StatusCode);

        var second = await app.ClientForAsync(await app.CreateMemberAsync(roles: [(Roles.Signals, null), (Roles.Oov, null)]));
        var approved = await second.PostAsync($"/api/signals/{id}/reveal-requests/{requestId}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal("ondernemer.rokkeveen@zoetermeer.demo", detail.GetProperty("reporter").GetProperty("email").GetString());
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Object == $"signal:{id}").Select(a => new { a.Action, a.Result }).ToListAsync());
        Assert.Contains(actions, a => a.Action == "signal.reveal-requested" && a.Result == AuditResult.Success);
        Assert.Contains(actions, a => a.Action == "signal.reveal-approved" && a.Result == AuditResult.Denied);
        Assert.Contains(actions, a => a.Action == "signal.reveal-approved" && a.Result == AuditResult.Success);
    }

    [Fact]
    public async Task A_member_reveal_request_on_an_open_or_anonymous_report_is_refused()
    {
        var (id, _) = await ReportAnonymouslyAsync(app);
        var oov = await app.ClientForAsync(Oov);
        var response = await oov.PostAsJsonAsync($"/api/signals/{id}/reveal-requests", new { reason = "There is nobody to reveal here at all." });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    public static TheoryData<string> NotHandlers => new()
    {
        "ez@zoetermeer.demo", "bestuur.lansinghage@zoetermeer.demo", "ondernemer.lansinghage@zoetermeer.demo", "politie@zoetermeer.demo", "oov@pijnacker.demo",
    };

    [Theory]
    [MemberData(nameof(NotHandlers))]
    public async Task Members_without_the_signals_role_or_of_another_tenant_get_404_for_every_case_endpoint(string email)
    {
        var (id, _) = await ReportAnonymouslyAsync(app, Report(photos: [JpegWithGps()]));
        var (other, _) = await ReportAnonymouslyAsync(app);
        var photoId = await app.WithDbAsync(db => db.SignalPhotos.Where(p => p.SignalId == id).Select(p => p.Id).SingleAsync());
        var requestId = Guid.NewGuid();
        var client = await app.ClientForAsync(email);

        foreach (var (method, path, body) in CaseEndpoints(id, other, photoId, requestId))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{email} {method} {path}: {response.StatusCode}");
        }

        var list = await client.GetAsync("/api/signals");
        Assert.Equal(email == "oov@pijnacker.demo" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, list.StatusCode);
        if (list.StatusCode == HttpStatusCode.OK)
        {
            var rows = await list.Content.ReadFromJsonAsync<JsonElement[]>();
            Assert.DoesNotContain(rows!, r => r.GetProperty("id").GetGuid() == id);
        }

        // Nothing changed for anyone.
        var status = await app.WithDbAsync(db => db.Signals.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
        Assert.Equal(SignalStatus.Received, status);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_every_desk_endpoint_and_the_signals_handler_gets_through()
    {
        var (id, _) = await ReportAnonymouslyAsync(app, Report(photos: [JpegWithGps()]));
        var (other, _) = await ReportAnonymouslyAsync(app);
        var photoId = await app.WithDbAsync(db => db.SignalPhotos.Where(p => p.SignalId == id).Select(p => p.Id).SingleAsync());
        var anonymous = app.AnonymousClient();
        foreach (var (method, path, body) in CaseEndpoints(id, other, photoId, Guid.NewGuid()).Append(("GET", "/api/signals", null)).Append(("GET", "/api/signals/mine", null)).Append(("GET", "/api/signals/aggregates", null)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
        }

        var oov = await app.ClientForAsync(Oov);
        var photo = await oov.GetAsync($"/api/signals/{id}/photos/{photoId}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/notes", new { text = "Checked the energy data." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/links", new { otherId = other })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oov.PatchAsJsonAsync($"/api/signals/{id}", new { priority = "high" })).StatusCode);
        var detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal("high", detail.GetProperty("priority").GetString());
        Assert.Contains(detail.GetProperty("links").EnumerateArray(), l => l.GetProperty("id").GetGuid() == other);
        var otherDetail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{other}");
        Assert.Contains(otherDetail.GetProperty("links").EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
    }

    private static IEnumerable<(string Method, string Path, object? Body)> CaseEndpoints(Guid id, Guid other, Guid photoId, Guid requestId) =>
    [
        ("GET", $"/api/signals/{id}", null),
        ("GET", $"/api/signals/{id}/export", null),
        ("GET", $"/api/signals/{id}/photos/{photoId}", null),
        ("POST", $"/api/signals/{id}/status", new { status = "inProgress" }),
        ("PATCH", $"/api/signals/{id}", new { priority = "urgent" }),
        ("POST", $"/api/signals/{id}/notes", new { text = "a note" }),
        ("POST", $"/api/signals/{id}/questions", new { question = "What did you see?" }),
        ("POST", $"/api/signals/{id}/links", new { otherId = other }),
        ("POST", $"/api/signals/{id}/reveal-requests", new { reason = "A reason that is long enough." }),
        ("POST", $"/api/signals/{id}/reveal-requests/{requestId}/approve", null),
    ];

    [Fact]
    public async Task The_anonymous_reporter_follows_the_case_answers_a_question_and_sees_it_closed()
    {
        var (id, code) = await ReportAnonymouslyAsync(app);
        var oov = await app.ClientForAsync(Oov);
        using var reporter = ClientFrom(app.Server, RandomAddress());

        var status = await reporter.PostAsJsonAsync("/api/signals/follow-up", new { code });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("received", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "inProgress", messageToReporter = "We are looking into it." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/notes", new { text = "INTERNAL: cross-check with energy supplier." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/questions", new { question = "Which door did you see used?" })).StatusCode);

        var view = await (await reporter.PostAsJsonAsync("/api/signals/follow-up", new { code = code.ToLowerInvariant() })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("waitingForReporter", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("questionOpen").GetBoolean());
        var texts = view.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("text").GetString()).ToList();
        Assert.Contains("Which door did you see used?", texts);
        Assert.Contains("We are looking into it.", texts);
        Assert.DoesNotContain(texts, t => t?.Contains("INTERNAL") == true);

        var wrong = await reporter.PostAsJsonAsync("/api/signals/follow-up/answer", new { code = FollowUpCode.New(), answer = "guess" });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var answered = await reporter.PostAsJsonAsync("/api/signals/follow-up/answer", new { code, answer = "The side door on the left." });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var again = await reporter.PostAsJsonAsync("/api/signals/follow-up/answer", new { code, answer = "Again" });
        await AssertFieldErrorAsync(again, "answer");

        var detail = await oov.GetFromJsonAsync<JsonElement>($"/api/signals/{id}");
        Assert.Equal("inProgress", detail.GetProperty("status").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "answer" && h.GetProperty("text").GetString() == "The side door on the left.");

        await AssertFieldErrorAsync(await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "forwarded" }), "forwardedTo");
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "forwarded", forwardedTo = "police" })).StatusCode);
        await AssertFieldErrorAsync(await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "closed" }), "result");
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "closed", result = "Police raided the premises.", messageToReporter = "Thank you, action was taken." })).StatusCode);
        await AssertFieldErrorAsync(await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "inProgress" }), "status");

        view = await (await reporter.PostAsJsonAsync("/api/signals/follow-up", new { code })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", view.GetProperty("status").GetString());
        Assert.Contains(view.GetProperty("updates").EnumerateArray(), u => u.GetProperty("text").GetString() == "Thank you, action was taken.");
        Assert.DoesNotContain("raided", view.GetRawText());

        var answerAudit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Object == $"signal:{id}" && a.Action == "signal.answered"));
        Assert.Null(answerAudit.Origin);
        Assert.Null(answerAudit.ActorId);
    }

    [Fact]
    public async Task A_wrong_follow_up_code_is_404_and_guessing_is_rate_limited_per_address()
    {
        using var guesser = ClientFrom(app.Server, RandomAddress());
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            codes.Add((await guesser.PostAsJsonAsync("/api/signals/follow-up", new { code = FollowUpCode.New() })).StatusCode);
        }

        Assert.All(codes.Take(10), c => Assert.Equal(HttpStatusCode.NotFound, c));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[10]);

        // Another address is not affected.
        using var other = ClientFrom(app.Server, RandomAddress());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/signals/follow-up", new { code = "nonsense" })).StatusCode);
    }

    [Fact]
    public async Task Anonymous_reports_are_rate_limited_per_network_address()
    {
        using var client = ClientFrom(app.Server, RandomAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsync("/api/signals/anonymous", Report())).StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact]
    public async Task A_member_follows_their_own_report_and_answers_but_nobody_else_can()
    {
        var reporter = await app.CreateMemberAsync(roles: [(Roles.Entrepreneur, "lansinghage")]);
        var id = await ReportAsMemberAsync(app, reporter);
        var oov = await app.ClientForAsync(Oov);
        Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/questions", new { question = "Can you send the licence plate?" })).StatusCode);

        var client = await app.ClientForAsync(reporter);
        var mine = await client.GetFromJsonAsync<JsonElement[]>("/api/signals/mine");
        var own = Assert.Single(mine!);
        Assert.True(own.GetProperty("questionOpen").GetBoolean());

        var stranger = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/signals/mine/{id}/answer", new { answer = "Not mine" })).StatusCode);
        await AssertFieldErrorAsync(await client.PostAsJsonAsync($"/api/signals/mine/{id}/answer", new { answer = "" }), "answer");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/signals/mine/{id}/answer", new { answer = "AB-123-C" })).StatusCode);
        mine = await client.GetFromJsonAsync<JsonElement[]>("/api/signals/mine");
        Assert.Equal("inProgress", mine![0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Signal_history_cannot_be_changed_or_deleted_through_the_app()
    {
        var (id, _) = await ReportAnonymouslyAsync(app);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/signals", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("/api/integrity", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.OfType<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().SelectMany(m => m.HttpMethods).Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();
        Assert.NotEmpty(endpoints);
        Assert.DoesNotContain(endpoints, e => e.m is "DELETE" or "PUT");
        Assert.DoesNotContain(endpoints, e => e.Item2.Contains("history", StringComparison.OrdinalIgnoreCase));

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var row = await db.SignalHistory.FirstAsync(h => h.SignalId == id);
            db.Entry(row).Property(h => h.Text).CurrentValue = "rewritten";
            await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.SignalHistory.Remove(await db.SignalHistory.FirstAsync(h => h.SignalId == id));
            await db.SaveChangesAsync();
        }));
        Assert.True(await app.WithDbAsync(db => db.SignalHistory.AnyAsync(h => h.SignalId == id && h.Text == null)));
    }

    [Fact]
    public async Task Retention_anonymises_closed_reporters_after_a_year_and_deletes_closed_cases_with_photos_after_five()
    {
        var reporter = await app.CreateMemberAsync(roles: [(Roles.Entrepreneur, "rokkeveen")]);
        var memberSignal = await ReportAsMemberAsync(app, reporter);
        var (anonymous, code) = await ReportAnonymouslyAsync(app, Report(photos: [JpegWithGps()]));
        var open = await ReportAsMemberAsync(app, reporter);
        var oov = await app.ClientForAsync(Oov);
        foreach (var id in new[] { memberSignal, anonymous })
        {
            Assert.Equal(HttpStatusCode.OK, (await oov.PostAsJsonAsync($"/api/signals/{id}/status", new { status = "closed", result = "No further action." })).StatusCode);
        }

        var now = app.Clock.GetUtcNow();
        var blobKey = await app.WithDbAsync(db => db.SignalPhotos.Where(p => p.SignalId == anonymous).Select(p => p.BlobKey).SingleAsync());
        // Closed one minute short of a year ago (member) and one minute short of five years ago (anonymous).
        await app.WithDbAsync(async db =>
        {
            (await db.Signals.SingleAsync(s => s.Id == memberSignal)).ClosedAt = now.AddDays(-365).AddMinutes(1);
            (await db.Signals.SingleAsync(s => s.Id == anonymous)).ClosedAt = now.AddDays(-1825).AddMinutes(1);
            (await db.Signals.SingleAsync(s => s.Id == open)).ReceivedAt = now.AddDays(-3000);
            await db.SaveChangesAsync();
        });

        await app.RunJobAsync<SignalRetentionJob>();
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(reporter, await db.Users.Where(u => u.Id == db.Signals.Single(s => s.Id == memberSignal).ReporterId).Select(u => u.Email).SingleAsync());
            Assert.True(await db.Signals.AnyAsync(s => s.Id == anonymous));
        });

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.RunJobAsync<SignalRetentionJob>();

        await app.WithDbAsync(async db =>
        {
            var anonymised = await db.Signals.SingleAsync(s => s.Id == memberSignal);
            Assert.Null(anonymised.ReporterId);
            Assert.NotNull(anonymised.ReporterAnonymisedAt);
            Assert.False(await db.Signals.AnyAsync(s => s.Id == anonymous));
            Assert.False(await db.SignalHistory.AnyAsync(h => h.SignalId == anonymous));
            Assert.False(await db.SignalPhotos.AnyAsync(p => p.SignalId == anonymous));
            Assert.NotNull((await db.Signals.SingleAsync(s => s.Id == open)).ReporterId);
            var runs = await db.Set<AuditEntry>().Where(a => a.Action == "retention.run" && a.Object == "signals").OrderByDescending(a => a.Id).Take(1).SingleAsync();
            Assert.Contains("anonymised=", runs.Detail);
            Assert.Matches("deleted=[1-9]", runs.Detail!);
        });
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IBlobStore>().ExistsAsync(blobKey));
        using var reporterClient = ClientFrom(app.Server, RandomAddress());
        Assert.Equal(HttpStatusCode.NotFound, (await reporterClient.PostAsJsonAsync("/api/signals/follow-up", new { code })).StatusCode);
    }

    [Fact]
    public async Task Aggregates_hide_counts_below_five_and_are_for_EZ_boards_and_the_desk_only()
    {
        var estateId = await app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == "zoetermeer");
            var estate = new Estate { TenantId = tenant.Id, Name = $"Testterrein {Guid.NewGuid():N}"[..24], Slug = $"t{Guid.NewGuid():N}"[..20], OutlineGeoJson = "{}" };
            db.Estates.Add(estate);
            await db.SaveChangesAsync();
            return estate.Id;
        });
        for (var i = 0; i < 4; i++)
        {
            await ReportAnonymouslyAsync(app, Report(estateId: estateId, category: "activity.power-use"));
        }

        var ez = await app.ClientForAsync("ez@zoetermeer.demo");
        var row = await EstateRowAsync(ez, estateId);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("count").ValueKind);
        Assert.Equal("< 5", row.GetProperty("shown").GetString());

        await ReportAnonymouslyAsync(app, Report(estateId: estateId, category: "activity.power-use"));
        row = await EstateRowAsync(await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo"), estateId);
        Assert.Equal(5, row.GetProperty("count").GetInt32());

        var body = await (await ez.GetAsync("/api/signals/aggregates")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("description", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("reporter", body, StringComparison.OrdinalIgnoreCase);
        using (var doc = JsonDocument.Parse(body))
        {
            foreach (var list in new[] { "byCategory", "byEstate", "byMonth" })
            {
                Assert.All(doc.RootElement.GetProperty(list).EnumerateArray(), r =>
                    Assert.True(r.GetProperty("count").ValueKind == JsonValueKind.Null || r.GetProperty("count").GetInt32() >= 5));
            }
        }

        foreach (var email in new[] { "ondernemer.lansinghage@zoetermeer.demo", "politie@zoetermeer.demo", "ro@zoetermeer.demo" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync(email)).GetAsync("/api/signals/aggregates")).StatusCode);
        }

        // The other tenant counts only its own signals.
        var pijnacker = await (await app.ClientForAsync("oov@pijnacker.demo")).GetFromJsonAsync<JsonElement>("/api/signals/aggregates");
        Assert.DoesNotContain(pijnacker.GetProperty("byEstate").EnumerateArray(), r => r.GetProperty("key").GetString() == estateId.ToString());
    }

    private static async Task<JsonElement> EstateRowAsync(HttpClient client, Guid estateId)
    {
        var aggregates = await client.GetFromJsonAsync<JsonElement>("/api/signals/aggregates");
        return aggregates.GetProperty("byEstate").EnumerateArray().Single(r => r.GetProperty("key").GetString() == estateId.ToString());
    }

    [Theory]
    [InlineData("category", "no.such")]
    [InlineData("description", "")]
    [InlineData("description", "long")]
    [InlineData("seenAt", "yesterday-ish")]
    [InlineData("seenAt", "future")]
    [InlineData("tenant", "nowhere")]
    [InlineData("estateId", "not-a-guid")]
    [InlineData("address", "")]
    public async Task Bad_report_input_is_a_400_naming_the_field(string field, string value)
    {
        var form = field switch
        {
            "category" => Report(category: value),
            "description" => Report(description: value == "long" ? new string('x', 5001) : value),
            "seenAt" => Report(seenAt: value == "future" ? app.Clock.GetUtcNow().AddDays(3).ToString("O") : value),
            "tenant" => Report(tenant: value),
            "address" => Report(address: value),
            _ => Report(),
        };
        if (field == "estateId")
        {
            form.Add(new StringContent(value), "estateId");
        }

        using var client = ClientFrom(app.Server, RandomAddress());
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals/anonymous", form), field);
    }

    [Fact]
    public async Task A_location_is_premises_a_point_on_the_estate_or_an_address()
    {
        var lansinghage = await app.EstateIdAsync("lansinghage");
        var unit = await app.WithDbAsync(db => db.Units.Where(u => u.EstateId == lansinghage).Select(u => u.Id).FirstAsync());
        var client = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");

        var onUnit = Report(mode: "member", tenant: null, address: null, locationKind: null);
        onUnit.Add(new StringContent(unit.ToString()), "unitId");
        var created = await client.PostAsync("/api/signals", onUnit);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var stored = await app.WithDbAsync(db => db.Signals.SingleAsync(x => x.Id == id));
        Assert.Equal((LocationKind.Unit, lansinghage), (stored.LocationKind, stored.EstateId));

        MultipartFormDataContent Point(double lon, double lat)
        {
            var form = Report(mode: "member", tenant: null, address: null, locationKind: null, estateId: lansinghage);
            form.Add(new StringContent(lon.ToString(System.Globalization.CultureInfo.InvariantCulture)), "longitude");
            form.Add(new StringContent(lat.ToString(System.Globalization.CultureInfo.InvariantCulture)), "latitude");
            return form;
        }

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/signals", Point(4.4640, 52.0395))).StatusCode);
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals", Point(4.60, 52.20)), "longitude");
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals", Point(400, 52.0)), "longitude");

        // Premises of another municipality do not exist for this member.
        var boezemUnit = await app.WithDbAsync(db => db.Units.Where(u => u.City == "Pijnacker").Select(u => u.Id).FirstAsync());
        var foreign = Report(mode: "member", tenant: null, address: null, locationKind: null);
        foreign.Add(new StringContent(boezemUnit.ToString()), "unitId");
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals", foreign), "unitId");
    }

    [Fact]
    public async Task Photos_that_are_not_images_too_many_or_too_large_are_a_400_naming_photos()
    {
        using var client = ClientFrom(app.Server, RandomAddress());
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals/anonymous", Report(photos: ["MZ\u0090 not an image"u8.ToArray()])), "photos");
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals/anonymous", Report(photos: Enumerable.Range(0, 6).Select(_ => JpegWithGps()))), "photos");
        var oversized = JpegWithGps().Concat(new byte[(8 * 1024 * 1024) + 1]).ToArray();
        await AssertFieldErrorAsync(await client.PostAsync("/api/signals/anonymous", Report(photos: [oversized])), "photos");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/signals/anonymous", new { category = "activity.smell" }), "body");
    }

    [Fact]
    public async Task Without_an_account_a_report_is_anonymous_and_members_choose_a_valid_mode()
    {
        var member = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        await AssertFieldErrorAsync(await member.PostAsync("/api/signals", Report(mode: "loud", tenant: null)), "mode");
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/signals", Report())).StatusCode);
    }

    [Fact]
    public async Task Improper_influence_reports_are_for_officials_and_boards_and_readable_only_by_the_integrity_officer()
    {
        var ondernemer = await app.ClientForAsync("ondernemer.lansinghage@zoetermeer.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await ondernemer.PostAsync("/api/integrity", Report(category: "influence.offer", mode: "member", tenant: null))).StatusCode);

        var board = await app.ClientForAsync("bestuur.lansinghage@zoetermeer.demo");
        await AssertFieldErrorAsync(await board.PostAsync("/api/integrity", Report(category: "activity.smell", mode: "member", tenant: null)), "category");
        var created = await board.PostAsync("/api/integrity", Report(category: "influence.offer", mode: "anonymous", tenant: null, description: "Offered a holiday for a favourable vote."));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("followUpCode").GetString()));
        var stored = await app.WithDbAsync(db => db.Signals.SingleAsync(s => s.Id == id));
        Assert.Null(stored.ReporterId);
        Assert.Equal(SignalRoute.Integrity, stored.Route);
        Assert.Null((await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Object == $"integrity-report:{id}"))).ActorId);

        var officer = await app.ClientForAsync(Oov);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/integrity/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/signals/{id}")).StatusCode);
        var list = await officer.GetFromJsonAsync<JsonElement[]>("/api/integrity");
        Assert.Contains(list!, r => r.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain((await officer.GetFromJsonAsync<JsonElement[]>("/api/signals"))!, r => r.GetProperty("id").GetGuid() == id);

        var signalsOnly = await app.ClientForAsync(await app.CreateMemberAsync(roles: [(Roles.Signals, null), (Roles.Oov, null)]));
        Assert.Equal(HttpStatusCode.NotFound, (await signalsOnly.GetAsync($"/api/integrity/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await signalsOnly.PostAsJsonAsync($"/api/integrity/{id}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await signalsOnly.GetAsync("/api/integrity")).StatusCode);
        foreach (var email in new[] { "ez@zoetermeer.demo", "politie@zoetermeer.demo", "oov@pijnacker.demo" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync(email)).GetAsync($"/api/integrity/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync("/api/integrity", Report(category: "influence.offer"))).StatusCode);

        // Improper-influence reports never show up in the partnership's aggregates.
        var aggregates = await (await app.ClientForAsync("ez@zoetermeer.demo")).GetStringAsync("/api/signals/aggregates");
        Assert.DoesNotContain("influence.", aggregates);
    }

    [Fact]
    public async Task A_case_is_assigned_only_to_a_handler_of_the_desk()
    {
        var (id, _) = await ReportAnonymouslyAsync(app);
        var oov = await app.ClientForAsync(Oov);
        var ezId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "ez@zoetermeer.demo").Select(u => u.Id).SingleAsync());
        await AssertFieldErrorAsync(await oov.PatchAsJsonAsync($"/api/signals/{id}", new { assignedToId = ezId }), "assignedToId");
        var handlerEmail = await app.CreateMemberAsync(roles: [(Roles.Signals, null)]);
        var handlerId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == handlerEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await oov.PatchAsJsonAsync($"/api/signals/{id}", new { assignedToId = handlerId })).StatusCode);
        var rows = await oov.GetFromJsonAsync<JsonElement[]>($"/api/signals?status=received");
        Assert.Contains(rows!, r => r.GetProperty("id").GetGuid() == id && r.GetProperty("assignedToId").GetGuid() == handlerId);
        var filtered = await oov.GetFromJsonAsync<JsonElement[]>($"/api/signals?status=closed");
        Assert.DoesNotContain(filtered!, r => r.GetProperty("id").GetGuid() == id);
        await AssertFieldErrorAsync(await oov.GetAsync("/api/signals?category=nope"), "category");
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"expected an error for '{field}': {problem}");
    }
}

[Collection(SqliteApp.Collection)]
public sealed class SignalsTestsOnSqlite(SqliteApp app) : SignalsTests(app);

[Collection(PostgresApp.Collection)]
public sealed class SignalsTestsOnPostgres(PostgresApp app) : SignalsTests(app);
