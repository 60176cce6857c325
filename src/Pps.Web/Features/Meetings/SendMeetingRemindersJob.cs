using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Features.Meetings;

/// <summary>Configuration section <c>Meetings</c>.</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>How long before the start the reminder goes out.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// E-mails a reminder <see cref="MeetingsOptions.ReminderBefore"/> before the start to everyone with a place or
/// without a "no". Once only: the e-mail purpose names the meeting and its start, so a moved meeting is reminded again.
/// </summary>
internal sealed class SendMeetingRemindersJob(PpsDb db, ITenantContext tenant, MeetingMailer mailer, TimeProvider clock, IOptions<MeetingsOptions> options) : IJob
{
    public static string Name => "meeting-reminders";

    public static TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken ct)
    {
        tenant.UseCrossTenant();
        var now = clock.GetUtcNow();
        var horizon = now + options.Value.ReminderBefore;
        var due = await db.Meetings
            .Where(m => m.CancelledAt == null && m.StartUtc > now && m.StartUtc <= horizon)
            .OrderBy(m => m.StartUtc)
            .Take(100)
            .ToListAsync(ct);
        foreach (var meeting in due)
        {
            var recipients = await db.MeetingInvitees
                .Where(i => i.MeetingId == meeting.Id && i.Response != RsvpResponse.No && !i.Waitlisted)
                .Select(i => i.MemberId)
                .ToListAsync(ct);
            recipients.Add(meeting.OrganiserId);
            await mailer.QueueAsync(meeting, recipients, MeetingMail.Reminder, ct);
            await db.SaveChangesAsync(ct);
        }
    }
}
