using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Features.Meetings;

internal enum MeetingMail
{
    Invitation,
    Update,
    Cancellation,
    PlaceAvailable,
    Reminder,
}

/// <summary>
/// Queues meeting e-mail in the caller's unit of work, each in the recipient's language. Invitations and updates
/// carry an iCalendar REQUEST, cancellations a CANCEL; the purpose includes the SEQUENCE, so a retried request
/// never mails the same version twice.
/// </summary>
internal sealed class MeetingMailer(PpsDb db, IEmailQueue queue, IOptions<PpsOptions> options, TimeProvider clock, IStringLocalizer<MeetingsText> text)
{
    public string MeetingUrl(Meeting m) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/Meetings/{m.Id}";

    public async Task QueueAsync(Meeting meeting, IEnumerable<Guid> memberIds, MeetingMail kind, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        var organiser = await db.Members.IgnoreQueryFilters().SingleAsync(m => m.Id == meeting.OrganiserId, ct);
        var recipients = await db.Members.Where(m => ids.Contains(m.Id) && m.ErasedAt == null && m.Email != null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var member in recipients)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(member.Culture is "en" ? "en" : "nl");
            try
            {
                var when = MeetingTimes.ToLocal(meeting.StartUtc, meeting.TimeZone).ToString("f", CultureInfo.CurrentUICulture);
                var place = meeting.Address ?? meeting.OnlineUrl ?? "";
                var (subjectKey, bodyKey) = kind switch
                {
                    MeetingMail.Invitation => ("MailInvitationSubject", "MailInvitationBody"),
                    MeetingMail.Update => ("MailUpdateSubject", "MailUpdateBody"),
                    MeetingMail.Cancellation => ("MailCancelSubject", "MailCancelBody"),
                    MeetingMail.PlaceAvailable => ("MailPlaceSubject", "MailPlaceBody"),
                    _ => ("MailReminderSubject", "MailReminderBody"),
                };
                var body = text[bodyKey, meeting.Title, when, place, MeetingUrl(meeting)].Value;
                if (meeting.OnlineUrl is { } online)
                {
                    body += "\n\n" + text["MailOnline", online].Value;
                }

                string? method = kind switch
                {
                    MeetingMail.Invitation or MeetingMail.Update => MeetingCalendar.Request,
                    MeetingMail.Cancellation => MeetingCalendar.Cancel,
                    _ => null,
                };
                var purpose = kind switch
                {
                    MeetingMail.Reminder => $"meeting-reminder:{meeting.Id:N}:{meeting.StartUtc.UtcTicks}",
                    MeetingMail.PlaceAvailable => $"meeting-place:{meeting.Id:N}:{now.UtcTicks}",
                    _ => $"meeting:{meeting.Id:N}:{meeting.Sequence}:{method}",
                };
                await queue.QueueAsync(
                    new EmailMessage(
                        member.Email!,
                        text[subjectKey, meeting.Title].Value,
                        body,
                        Purpose: purpose,
                        TenantId: meeting.TenantId,
                        Calendar: method is null ? null : MeetingCalendar.Message(meeting, method, organiser.Email ?? "noreply@pps-hub.local", organiser.DisplayName, member.Email!, MeetingUrl(meeting), now),
                        CalendarMethod: method),
                    ct);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    /// <summary>Everyone invited who has not declined: they get updates, cancellations and reminders.</summary>
    public static IQueryable<Guid> Interested(PpsDb db, Guid meetingId)
        => db.MeetingInvitees.Where(i => i.MeetingId == meetingId && i.Response != RsvpResponse.No).Select(i => i.MemberId);
}
