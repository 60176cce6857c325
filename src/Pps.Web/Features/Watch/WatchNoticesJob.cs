using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Watch;

/// <summary>Configuration section <c>Watch</c>.</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    /// <summary>How many days ahead a round short of people is flagged to the board.</summary>
    public int UnderstaffedNoticeDays { get; set; } = 3;

    /// <summary>How long before the start participants are reminded.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Tells the board once per round when a round within <see cref="WatchOptions.UnderstaffedNoticeDays"/> has fewer people
/// than its minimum, and reminds the participants once <see cref="WatchOptions.ReminderBefore"/> before the start. The
/// round remembers that each notice went out, and the e-mail purpose makes a retried pass harmless.
/// </summary>
internal sealed class WatchNoticesJob(
    PpsDb db, ITenantContext tenant, IEmailQueue queue, TimeProvider clock, IOptions<WatchOptions> options, IOptions<PpsOptions> pps,
    IStringLocalizer<WatchText> text) : IJob
{
    public static string Name => "watch-notices";

    public static TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();

        var flagHorizon = now.AddDays(options.Value.UnderstaffedNoticeDays);
        var candidates = await db.PatrolRounds
            .Where(r => r.UnderstaffedNoticeAt == null && r.StartUtc > now && r.StartUtc <= flagHorizon
                        && db.PatrolSignups.Count(s => s.RoundId == r.Id) < r.MinimumPeople)
            .OrderBy(r => r.StartUtc).Take(100).ToListAsync(ct);
        foreach (var round in candidates)
        {
            var count = await db.PatrolSignups.CountAsync(s => s.RoundId == round.Id, ct);
            var board = await db.RoleAssignments.Where(a => a.EstateId == round.EstateId && a.Role == Roles.Board).Select(a => a.MemberId).ToListAsync(ct);
            await MailAsync(round, board, "MailUnderstaffedSubject", "MailUnderstaffedBody", $"watch-understaffed:{round.Id:N}", count, ct);
            round.UnderstaffedNoticeAt = now;
            await db.SaveChangesAsync(ct);
        }

        var reminderHorizon = now + options.Value.ReminderBefore;
        var due = await db.PatrolRounds
            .Where(r => r.RemindedAt == null && r.StartUtc > now && r.StartUtc <= reminderHorizon)
            .OrderBy(r => r.StartUtc).Take(100).ToListAsync(ct);
        foreach (var round in due)
        {
            var participants = await db.PatrolSignups.Where(s => s.RoundId == round.Id).Select(s => s.MemberId).ToListAsync(ct);
            await MailAsync(round, participants, "MailReminderSubject", "MailReminderBody", $"watch-reminder:{round.Id:N}", participants.Count, ct);
            round.RemindedAt = now;
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task MailAsync(PatrolRound round, List<Guid> memberIds, string subjectKey, string bodyKey, string purpose, int count, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToArray();
        var recipients = await db.Members.Where(m => ids.Contains(m.Id) && m.ErasedAt == null && m.Email != null).ToListAsync(ct);
        var estate = await db.Estates.Where(e => e.Id == round.EstateId).Select(e => e.Name).SingleAsync(ct);
        var url = $"{pps.Value.PublicBaseUrl.TrimEnd('/')}/Watch/Rounds/{round.Id}";
        foreach (var member in recipients)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(member.Culture is "en" ? "en" : "nl");
            try
            {
                var when = WatchTimes.ToLocal(round.StartUtc).ToString("f", CultureInfo.CurrentUICulture);
                await queue.QueueAsync(
                    new EmailMessage(
                        member.Email!,
                        text[subjectKey, estate, when].Value,
                        text[bodyKey, estate, when, round.Route, count, round.MinimumPeople, url].Value,
                        Purpose: purpose,
                        TenantId: round.TenantId),
                    ct);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}

/// <summary>Rounds are stored in UTC and shown in Dutch time.</summary>
internal static class WatchTimes
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Amsterdam);
}
