using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Alerts;
using Pps.Web.Features.Awareness;
using Pps.Web.Features.Meetings;
using Pps.Web.Features.Members;
using Pps.Web.Features.Noticeboards;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Reach;

/// <summary>
/// Sends each member who chose a digest one e-mail per period (daily or weekly) with what they missed. Every
/// member is handled in a scope of their own in which the hub acts as that member, so the digest is built by the
/// capabilities' own queries and can only contain what the member may see in the hub itself.
/// </summary>
internal sealed class SendDigestsJob(PpsDb db, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SendDigestsJob> log) : IJob
{
    public static string Name => "reach.digest";

    public static TimeSpan Interval => TimeSpan.FromMinutes(15);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.ReachPreferences.IgnoreQueryFilters()
            .Where(p => p.Digest != DigestFrequency.None)
            .Join(db.Members.IgnoreQueryFilters().Where(m => m.ErasedAt == null && m.TenantId != null && m.Email != null && m.EmailConfirmed),
                p => p.MemberId, m => m.Id, (p, m) => new { p.MemberId, p.Digest, p.DigestPeriod })
            .AsNoTracking()
            .ToListAsync(ct);
        foreach (var c in candidates.Where(c => DigestPeriods.KeyOf(c.Digest, now) != c.DigestPeriod))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DigestComposer>().SendAsync(c.MemberId, now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One member's digest must not stop everyone else's; theirs is tried again next pass.
                log.LogError(ex, "Digest for member {Member} failed", c.MemberId);
            }
        }
    }
}

/// <summary>One member's digest: what is new since the last one, read through the capabilities' queries as that member.</summary>
internal sealed class DigestComposer(
    PpsDb db,
    IMediator mediator,
    ICurrentMember me,
    ITenantContext tenant,
    IUserClaimsPrincipalFactory<Member> principals,
    IEmailQueue email,
    IStringLocalizer<ReachText> t,
    IOptions<PpsOptions> pps)
{
    private const int MaxPerSection = 10;

    public async Task SendAsync(Guid memberId, DateTimeOffset now, CancellationToken ct)
    {
        var member = await db.Members.IgnoreQueryFilters().SingleAsync(m => m.Id == memberId, ct);
        var prefs = await db.ReachPreferences.SingleAsync(p => p.MemberId == memberId, ct);
        var key = DigestPeriods.KeyOf(prefs.Digest, now);
        if (key is null || key == prefs.DigestPeriod)
        {
            return;
        }

        // From here on the scope is the member: the tenant filter and every access rule apply as if they had signed in.
        tenant.Use(member.TenantId!.Value);
        ((CurrentMember)me).Use(await principals.CreateAsync(member));

        var culture = CultureInfo.GetCultureInfo(member.Culture == "en" ? "en" : "nl");
        var (previousCulture, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            // Inclusive: something stored in the very instant the last digest was made is in this one rather than in none.
            var since = prefs.DigestCoveredUntil ?? now - DigestPeriods.Length(prefs.Digest);
            var sections = await SectionsAsync(since, now, prefs.Digest, ct);

            // Meetings ahead and open actions are reminders, not news: alone they do not make a digest.
            if (sections.Any(s => s.IsNew && s.Items.Count > 0))
            {
                var (subject, text, html) = Render(prefs.Digest, sections);
                await email.QueueAsync(new EmailMessage(member.Email!, subject, text, html, Purpose: $"reach.digest:{member.Id}:{key}", TenantId: member.TenantId), ct);
            }

            // The period is handled even when nothing was new, so it is looked at again only in the next one.
            prefs.DigestPeriod = key;
            prefs.DigestCoveredUntil = now;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previousCulture, previousUi);
        }
    }

    private async Task<List<Section>> SectionsAsync(DateTimeOffset since, DateTimeOffset now, DigestFrequency frequency, CancellationToken ct)
    {
        var alerts = (await mediator.Send(new GetMyAlerts(null, 200), ct))
            .Where(a => a.PostedAt >= since && a.ReadAt is null)
            .OrderByDescending(a => a.PostedAt)
            .Select(a => new Line(a.Title, $"/Alerts/{a.Id}", t["DigestSeverity_" + a.Severity]))
            .ToList();

        var posts = new List<(DateTimeOffset At, Line Line)>();
        foreach (var board in (await mediator.Send(new GetBoards(), ct)).Where(b => b.Unread > 0))
        {
            var page = await mediator.Send(new GetBoardPosts(board.Id, 1, GetBoardPosts.MaxPageSize), ct);
            if (page.IsSuccess)
            {
                posts.AddRange(page.Value!.Items
                    .Where(p => p.CreatedAt >= since && !p.Mine && !p.Hidden)
                    .Select(p => (p.CreatedAt, new Line(p.Title, $"/Boards/Posts/{p.Id}", board.Name))));
            }
        }

        var mustReads = (await MustReads.ForAsync(db, [LibraryAccess.Of(me)], ct)).GetValueOrDefault(me.Id, [])
            .Where(i => !i.Done && i.CurrentSince >= since)
            .Select(i => new Line(i.Title, $"/Library/Document/{i.DocumentId}", t["DigestVersion", i.CurrentVersion]))
            .ToList();

        var horizon = now + DigestPeriods.Length(frequency) + TimeSpan.FromDays(1);
        var meetings = (await mediator.Send(new GetMyMeetings(Take: 20), ct))
            .Where(m => !m.Cancelled && m.StartUtc <= horizon)
            .Select(m => new Line(m.Title, $"/Meetings/{m.Id}", m.StartLocal.ToString("f", CultureInfo.CurrentCulture)))
            .ToList();

        var actions = new List<Line>();
        foreach (var estateId in me.Estates)
        {
            var plan = await mediator.Send(new GetActionPlan(estateId), ct);
            if (plan.IsSuccess)
            {
                actions.AddRange(plan.Value!.Items
                    .Where(i => i.Action.OwnerMemberId == me.Id)
                    .Select(i => new Line(i.Action.Title, $"/Meetings/{i.Action.MeetingId}",
                        i.Overdue ? t["DigestOverdue"] : i.Action.DueDate?.ToString("d", CultureInfo.CurrentCulture))));
            }
        }

        return
        [
            new Section(t["DigestAlerts"], true, alerts),
            new Section(t["DigestPosts"], true, posts.OrderByDescending(p => p.At).Select(p => p.Line).ToList()),
            new Section(t["DigestMustReads"], true, mustReads),
            new Section(t["DigestMeetings"], false, meetings),
            new Section(t["DigestActions"], false, actions),
        ];
    }

    private (string Subject, string Text, string Html) Render(DigestFrequency frequency, List<Section> sections)
    {
        var baseUrl = (pps.Value.PublicBaseUrl ?? "").TrimEnd('/');
        var subject = frequency == DigestFrequency.Weekly ? t["DigestSubjectWeekly"].Value : t["DigestSubjectDaily"].Value;
        var settings = baseUrl + "/Reach#digest";
        var text = new StringBuilder().Append(t["DigestIntro"]).Append("\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html(subject)).Append("</title></head><body><h1>").Append(Html(subject)).Append("</h1><p>").Append(Html(t["DigestIntro"])).Append("</p>");
        foreach (var section in sections.Where(s => s.Items.Count > 0))
        {
            var shown = section.Items.Take(MaxPerSection).ToList();
            text.Append(section.Title).Append('\n');
            html.Append("<h2>").Append(Html(section.Title)).Append("</h2><ul>");
            foreach (var line in shown)
            {
                var url = baseUrl + line.Path;
                text.Append("- ").Append(line.Text).Append(line.Meta is null ? "" : $" ({line.Meta})").Append('\n').Append("  ").Append(url).Append('\n');
                html.Append("<li><a href=\"").Append(Html(url)).Append("\">").Append(Html(line.Text)).Append("</a>")
                    .Append(line.Meta is null ? "" : " <small>" + Html(line.Meta) + "</small>").Append("</li>");
            }

            if (section.Items.Count > shown.Count)
            {
                var more = t["DigestMore", section.Items.Count - shown.Count].Value;
                text.Append("- ").Append(more).Append('\n');
                html.Append("<li>").Append(Html(more)).Append("</li>");
            }

            text.Append('\n');
            html.Append("</ul>");
        }

        text.Append("--\n").Append(t["DigestSettings"]).Append(": ").Append(settings).Append('\n');
        html.Append("<hr><p><a href=\"").Append(Html(settings)).Append("\">").Append(Html(t["DigestSettings"])).Append("</a></p></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Html(string value) => HtmlEncoder.Default.Encode(value);

    private sealed record Line(string Text, string Path, string? Meta);

    private sealed record Section(string Title, bool IsNew, List<Line> Items);
}
