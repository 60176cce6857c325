using Mediator;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Live;

namespace Pps.Web.Features.Meetings;

/// <summary>Someone answered an invitation (published after commit).</summary>
public sealed record RsvpChanged(Guid TenantId, Guid MeetingId, Guid OrganiserId, int Version) : INotification;

/// <summary>What the organiser's browser hears: the whole attendee list, with the RSVP version as sequence number.</summary>
public sealed record MeetingRsvpMessage(Guid MeetingId, int Sequence, IReadOnlyList<AttendeeDto> Attendees);

/// <summary>What the browser hears about meetings.</summary>
public interface IMeetingsClient
{
    /// <summary>Sent to the organiser only, after an RSVP is committed.</summary>
    Task RsvpChanged(MeetingRsvpMessage message);
}

internal sealed class BroadcastRsvpChanged(IHubContext<LiveHub, ILiveClient> hub, IServiceScopeFactory scopes) : INotificationHandler<RsvpChanged>
{
    public async ValueTask Handle(RsvpChanged e, CancellationToken ct)
    {
        // This runs inside the request's SaveChanges; its context is still busy, so read with a fresh one.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(e.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var attendees = await GetAttendeesHandler.ListAsync(db, e.MeetingId, ct);
        await hub.Clients.Group(LiveGroups.Member(e.OrganiserId)).RsvpChanged(new MeetingRsvpMessage(e.MeetingId, e.Version, attendees));
    }
}
