using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
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
internal sealed class WatchNoticesJob(PpsDb db, ITenantContext tenant, RoundMailer mailer, TimeProvider clock, IOptions<WatchOptions> options) : IJob
{
    public static string Name => "watch-notices";

    public static TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();

        var flagHorizon = now.AddDays(options.Value.UnderstaffedNoticeDays);
        var candidates = await db.PatrolRounds
            .Where(r => r.UnderstaffedNoticeAt == null && r.CancelledAt == null && r.StartUtc > now && r.StartUtc <= flagHorizon
                        && db.PatrolSignups.Count(s => s.RoundId == r.Id) < r.MinimumPeople)
            .OrderBy(r => r.StartUtc).Take(100).ToListAsync(ct);
        foreach (var round in candidates)
        {
            var count = await db.PatrolSignups.CountAsync(s => s.RoundId == round.Id, ct);
            var board = await db.RoleAssignments.Where(a => a.EstateId == round.EstateId && a.Role == Roles.Board).Select(a => a.MemberId).ToListAsync(ct);
            await mailer.MailAsync(round, board, "MailUnderstaffedSubject", "MailUnderstaffedBody", $"watch-understaffed:{round.Id:N}", count, ct);
            round.UnderstaffedNoticeAt = now;
            await db.SaveChangesAsync(ct);
        }

        var reminderHorizon = now + options.Value.ReminderBefore;
        var due = await db.PatrolRounds
            .Where(r => r.RemindedAt == null && r.CancelledAt == null && r.StartUtc > now && r.StartUtc <= reminderHorizon)
            .OrderBy(r => r.StartUtc).Take(100).ToListAsync(ct);
        foreach (var round in due)
        {
            var participants = await db.PatrolSignups.Where(s => s.RoundId == round.Id).Select(s => s.MemberId).ToListAsync(ct);
            await mailer.MailAsync(round, participants, "MailReminderSubject", "MailReminderBody", $"watch-reminder:{round.Id:N}", participants.Count, ct);
            round.RemindedAt = now;
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Rounds are stored in UTC and shown in Dutch time.</summary>
internal static class WatchTimes
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Amsterdam);
}
