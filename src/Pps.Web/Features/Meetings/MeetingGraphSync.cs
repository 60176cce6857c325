using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Graph;

namespace Pps.Web.Features.Meetings;

/// <summary>
/// Brings the organiser's Outlook event in line with the meeting: create (as a Teams meeting), update or cancel.
/// A failure never loses the meeting: it stays <see cref="GraphSyncState.Pending"/> with a back-off, the error is
/// kept for the organiser to see, and <see cref="SyncMeetingsToGraphJob"/> tries again.
/// </summary>
internal sealed class MeetingGraphSync(PpsDb db, IGraphCalendar graph, TimeProvider clock, ILogger<MeetingGraphSync> log)
{
    /// <summary>Graph is used for meetings organised by municipal staff, when it is configured.</summary>
    public async Task<bool> AppliesAsync(Guid organiserId, CancellationToken ct)
        => graph.Enabled && await db.RoleAssignments.IgnoreQueryFilters()
            .AnyAsync(r => r.MemberId == organiserId && r.EstateId == null && Roles.Staff.Contains(r.Role), ct);

    /// <summary>Marks the meeting for synchronisation if Graph applies (call before saving).</summary>
    public async Task MarkAsync(Meeting meeting, CancellationToken ct)
    {
        if (meeting.GraphState == GraphSyncState.NotUsed && !await AppliesAsync(meeting.OrganiserId, ct))
        {
            return;
        }

        meeting.GraphState = GraphSyncState.Pending;
        meeting.GraphAttempts = 0;
        meeting.GraphNextAttemptAt = clock.GetUtcNow();
    }

    /// <summary>One attempt. Returns true when the Teams join URL changed (the invitees need an update).</summary>
    public async Task<bool> TryAsync(Meeting meeting, CancellationToken ct)
    {
        if (meeting.GraphState != GraphSyncState.Pending)
        {
            return false;
        }

        var organiser = await db.Members.IgnoreQueryFilters().SingleAsync(m => m.Id == meeting.OrganiserId, ct);
        var user = organiser.Email ?? organiser.Id.ToString();
        var linkChanged = false;
        try
        {
            if (meeting.CancelledAt is not null)
            {
                if (meeting.GraphEventId is { } cancelId)
                {
                    await graph.CancelAsync(user, cancelId, meeting.Title, ct);
                }
            }
            else
            {
                var data = await DataAsync(meeting, ct);
                string? joinUrl;
                if (meeting.GraphEventId is { } eventId)
                {
                    joinUrl = await graph.UpdateAsync(user, eventId, data, ct);
                }
                else
                {
                    (meeting.GraphEventId, joinUrl) = await graph.CreateAsync(user, data, ct);
                }

                if (joinUrl is not null && Uri.TryCreate(joinUrl, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps && joinUrl != meeting.OnlineUrl)
                {
                    meeting.OnlineUrl = joinUrl;
                    linkChanged = true;
                }
            }

            meeting.GraphState = GraphSyncState.Synced;
            meeting.GraphLastError = null;
            meeting.GraphNextAttemptAt = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            meeting.GraphAttempts++;
            var error = ex.Message.Length > 900 ? ex.Message[..900] : ex.Message;
            meeting.GraphLastError = $"{ex.GetType().Name}: {error}";
            meeting.GraphNextAttemptAt = clock.GetUtcNow().AddSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(meeting.GraphAttempts - 1, 7))));
            log.LogWarning("Graph sync of meeting {Meeting} failed (attempt {Attempt}): {Error}", meeting.Id, meeting.GraphAttempts, meeting.GraphLastError);
        }

        return linkChanged;
    }

    private async Task<GraphEventData> DataAsync(Meeting meeting, CancellationToken ct)
    {
        // While a new meeting is being created its invitees are not stored yet.
        var ids = meeting.Invitees.Count > 0
            ? meeting.Invitees.Where(i => i.Response != RsvpResponse.No).Select(i => i.MemberId).ToList()
            : await db.MeetingInvitees.IgnoreQueryFilters().Where(i => i.MeetingId == meeting.Id && i.Response != RsvpResponse.No).Select(i => i.MemberId).ToListAsync(ct);
        var attendees = await db.Members.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.Email != null).Select(m => m.Email!).ToListAsync(ct);
        var agenda = string.Join("", meeting.AgendaItems.Select(a => "<li>" + System.Net.WebUtility.HtmlEncode(a) + "</li>"));
        var body = agenda.Length == 0 ? "" : "<ol>" + agenda + "</ol>";
        return new GraphEventData(meeting.Title, body, meeting.StartUtc, meeting.EndUtc, meeting.Address, attendees);
    }
}
