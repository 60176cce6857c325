using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pps.Tests.Infrastructure;
using Pps.Tests.Noticeboards;
using Pps.Web.Features.Meetings;
using Pps.Web.Features.Members;
using Pps.Web.Features.Reach;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Reach;

/// <summary>The e-mail digest: once per period, nothing when nothing is new, only what the member may see.</summary>
public abstract class DigestTests(PpsApp app)
{
    /// <summary>Moves the fake clock forward to the next <paramref name="hour"/>:00 Dutch time (on <paramref name="day"/> when given).</summary>
    private void AdvanceToNext(int hour, DayOfWeek? day = null)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Meeting.DefaultTimeZone);
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var target = local.Date.AddHours(hour);
        while (target <= local.DateTime || (day is { } d && target.DayOfWeek != d))
        {
            target = target.AddDays(1);
        }

        var utc = new DateTimeOffset(target, zone.GetUtcOffset(target));
        app.Clock.Advance(utc - now);
        app.ForgetTokens();
    }

    private void AdvanceDays(int days)
    {
        app.Clock.Advance(TimeSpan.FromDays(days));
        app.ForgetTokens();
    }

    private async Task<string> MemberWithDigestAsync(string digest, VettingLevel vetting = VettingLevel.Vetted, string culture = "nl")
    {
        var email = await app.CreateMemberAsync(vetting: vetting, roles: (Roles.Entrepreneur, "hoornwijck"));
        if (culture != "nl")
        {
            await app.WithDbAsync(async db =>
            {
                (await db.Members.SingleAsync(m => m.Email == email)).Culture = culture;
                await db.SaveChangesAsync();
            });
        }

        var response = await (await app.ClientForAsync(email)).PutAsJsonAsync("/api/reach/preferences", new { pushSeverities = new[] { "urgent" }, digest });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(digest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString());
        return email;
    }

    private async Task<string> PostAlertAsync(string estate = "hoornwijck")
    {
        var title = "Digestmelding " + Guid.NewGuid().ToString("N")[..8];
        var oov = await app.ClientForAsync("oov@zoetermeer.demo");
        var response = await oov.PostAsJsonAsync("/api/alerts", new
        {
            title, body = "Verdachte personen bij de ingang.", severity = "warning",
            estateIds = new[] { await app.EstateIdAsync(estate) }, roles = Array.Empty<string>(), wholeTenant = false, requiresAcknowledgement = false,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return title;
    }

    private async Task<IReadOnlyList<MimeMessage>> RunAsync(string email)
    {
        await app.RunJobAsync<SendDigestsJob>();

        // The mail job sends 50 a pass, oldest first; other tests may have queued more before ours.
        for (var pass = 0; pass < 100 && await app.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.To == email && e.SentAt == null)); pass++)
        {
            await app.RunJobAsync<SendQueuedEmailJob>();
        }

        return app.Smtp.To(email).Where(m => (m.Subject ?? "").Contains("PPS Hub:", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_daily_digest_is_sent_once_a_day_with_what_is_new_and_not_at_all_when_nothing_is_new()
    {
        AdvanceToNext(10);
        var email = await MemberWithDigestAsync("daily");
        var neighbour = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var alert = await PostAlertAsync();
        var post = "Digestbericht " + Guid.NewGuid().ToString("N")[..8];
        await (await app.ClientForAsync(neighbour)).PostAsync(await app.BoardAsync("estate:hoornwijck"), post);
        var elsewhere = "Anderterrein " + Guid.NewGuid().ToString("N")[..8];
        await (await app.ClientForAsync(BoardsTestKit.BoardMember)).PostAsync(await app.BoardAsync("estate:lansinghage"), elsewhere);
        var otherAlert = await PostAlertAsync("lansinghage");

        // Not before the day is over.
        Assert.Empty(await RunAsync(email));

        AdvanceToNext(8);
        var mail = Assert.Single(await RunAsync(email));
        Assert.Contains("dagelijkse", mail.Subject);
        Assert.Contains(alert, mail.TextBody);
        Assert.Contains(post, mail.TextBody);
        Assert.Contains(post, mail.HtmlBody);
        Assert.Contains("Nieuwe berichten op uw prikborden", mail.TextBody);
        Assert.Contains("href=\"http://localhost/Reach#digest\"", mail.HtmlBody);
        Assert.DoesNotContain(elsewhere, mail.TextBody + mail.HtmlBody);
        Assert.DoesNotContain(otherAlert, mail.TextBody + mail.HtmlBody);

        // Once per day: a second pass the same day sends nothing more.
        Assert.Single(await RunAsync(email));

        // The next day nothing is new: no mail.
        AdvanceDays(1);
        Assert.Single(await RunAsync(email));

        var next = await PostAlertAsync();
        AdvanceDays(1);
        var mails = await RunAsync(email);
        Assert.Equal(2, mails.Count);
        var second = mails.Single(m => (m.TextBody ?? "").Contains(next, StringComparison.Ordinal));
        Assert.DoesNotContain(alert, second.TextBody);
        Assert.DoesNotContain(post, second.TextBody);
    }

    [Fact]
    public async Task A_weekly_digest_comes_once_a_week_in_the_members_language()
    {
        AdvanceToNext(9, DayOfWeek.Tuesday);
        var email = await MemberWithDigestAsync("weekly", culture: "en");
        var alert = await PostAlertAsync();

        AdvanceDays(1);
        Assert.Empty(await RunAsync(email));

        AdvanceToNext(8, DayOfWeek.Monday);
        var mail = Assert.Single(await RunAsync(email));
        Assert.Equal("PPS Hub: your weekly digest", mail.Subject);
        Assert.Contains("New alerts", mail.TextBody);
        Assert.Contains(alert, mail.TextBody);
        Assert.Contains("Change or stop this digest", mail.HtmlBody);
        Assert.Contains("lang=\"en\"", mail.HtmlBody);

        // Later the same week, even with news, it waits for the next Monday.
        var later = await PostAlertAsync();
        AdvanceDays(2);
        Assert.Single(await RunAsync(email));
        AdvanceToNext(8, DayOfWeek.Monday);
        var mails = await RunAsync(email);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => (m.TextBody ?? "").Contains(later, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_who_chose_no_digest_or_turned_it_off_gets_none()
    {
        AdvanceToNext(10);
        var never = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var stopped = await MemberWithDigestAsync("daily");
        var off = await (await app.ClientForAsync(stopped)).PutAsJsonAsync("/api/reach/preferences", new { pushSeverities = new[] { "urgent" }, digest = "none" });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        await PostAlertAsync();

        AdvanceToNext(8);
        Assert.Empty(await RunAsync(never));
        Assert.Empty(await RunAsync(stopped));
    }

    [Fact]
    public async Task A_member_not_yet_vetted_never_finds_the_estate_boards_posts_in_the_digest()
    {
        AdvanceToNext(10);
        var unvetted = await MemberWithDigestAsync("daily", VettingLevel.Registered);
        var vetted = await MemberWithDigestAsync("daily");
        var neighbour = await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck"));
        var post = "Alleen gescreend " + Guid.NewGuid().ToString("N")[..8];
        await (await app.ClientForAsync(neighbour)).PostAsync(await app.BoardAsync("estate:hoornwijck"), post);
        var alert = await PostAlertAsync();

        AdvanceToNext(8);
        Assert.Contains(post, Assert.Single(await RunAsync(vetted)).TextBody);
        var theirs = await RunAsync(unvetted);
        Assert.All(theirs, m => Assert.DoesNotContain(post, m.TextBody + m.HtmlBody));
        Assert.Contains(theirs, m => (m.TextBody ?? "").Contains(alert, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_digest_choice_is_refused_with_a_field_error()
    {
        var client = await app.ClientForAsync(await app.CreateMemberAsync(roles: (Roles.Entrepreneur, "hoornwijck")));
        var response = await client.PutAsJsonAsync("/api/reach/preferences", new { pushSeverities = new[] { "urgent" }, digest = "hourly" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("digest", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

[Collection(SqliteApp.Collection)]
public sealed class DigestTestsOnSqlite(SqliteApp app) : DigestTests(app);

[Collection(PostgresApp.Collection)]
public sealed class DigestTestsOnPostgres(PostgresApp app) : DigestTests(app);
