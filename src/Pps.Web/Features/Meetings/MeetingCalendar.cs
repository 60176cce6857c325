using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Pps.Web.Features.Meetings;

/// <summary>Writes iCalendar (RFC 5545 / iTIP) with Ical.Net: invitations, updates, cancellations and the member's feed.</summary>
internal static class MeetingCalendar
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";
    public const string Publish = "PUBLISH";

    /// <summary>One meeting as an iTIP message (<c>REQUEST</c> or <c>CANCEL</c>) for one attendee.</summary>
    public static string Message(Meeting meeting, string method, string organiserEmail, string organiserName, string attendeeEmail, string meetingUrl, DateTimeOffset now)
    {
        var calendar = NewCalendar(method);
        var evt = Event(meeting, organiserEmail, organiserName, meetingUrl, now);
        evt.Attendees.Add(new Attendee(new Uri("mailto:" + attendeeEmail))
        {
            Rsvp = method == Request,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
        });
        calendar.Events.Add(evt);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The member's subscribable feed with all their meetings.</summary>
    public static string Feed(IEnumerable<(Meeting Meeting, string OrganiserEmail, string OrganiserName, string Url)> meetings, DateTimeOffset now)
    {
        var calendar = NewCalendar(Publish);
        calendar.AddProperty("X-WR-CALNAME", "PPS Hub");
        foreach (var (meeting, email, name, url) in meetings)
        {
            calendar.Events.Add(Event(meeting, email, name, url, now));
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static Calendar NewCalendar(string method)
    {
        var calendar = new Calendar { Method = method };
        calendar.ProductId = "-//PPS Hub//Meetings//NL";
        return calendar;
    }

    private static CalendarEvent Event(Meeting meeting, string organiserEmail, string organiserName, string meetingUrl, DateTimeOffset now)
    {
        // Times in UTC: unambiguous in every client and no VTIMEZONE needed; clients show them in local time.
        var evt = new CalendarEvent
        {
            Uid = meeting.Uid,
            Sequence = meeting.Sequence,
            DtStamp = new CalDateTime(now.UtcDateTime),
            DtStart = new CalDateTime(meeting.StartUtc.UtcDateTime),
            DtEnd = new CalDateTime(meeting.EndUtc.UtcDateTime),
            Summary = meeting.Title,
            Status = meeting.CancelledAt is null ? EventStatus.Confirmed : EventStatus.Cancelled,
            Organizer = new Organizer("mailto:" + organiserEmail) { CommonName = organiserName },
        };
        var description = new List<string>();
        if (meeting.AgendaItems.Count > 0)
        {
            description.Add("Agenda:");
            description.AddRange(meeting.AgendaItems.Select((a, i) => $"{i + 1}. {a}"));
        }

        if (meeting.OnlineUrl is { } online)
        {
            evt.Url = new Uri(online);
            description.Add("Online: " + online);
        }

        description.Add(meetingUrl);
        evt.Description = string.Join("\n", description);
        evt.Location = meeting.Address ?? meeting.OnlineUrl;
        return evt;
    }
}
