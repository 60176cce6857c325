using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Meetings;

/// <summary>Meetings the caller organises or is invited to; upcoming ones (not yet ended) unless <paramref name="IncludePast"/>.</summary>
public sealed record GetMyMeetings(bool IncludePast = false, int Take = 50) : IQuery<IReadOnlyList<MeetingSummary>>;

public sealed record MeetingSummary(Guid Id, string Title, MeetingKind Kind, DateTimeOffset StartUtc, DateTime StartLocal, string? Place, bool Cancelled, bool IsOrganiser, RsvpResponse? MyResponse, bool MyWaitlisted);

internal sealed class GetMyMeetingsHandler(PpsDb db, ICurrentMember me, TimeProvider clock) : IQueryHandler<GetMyMeetings, IReadOnlyList<MeetingSummary>>
{
    public async ValueTask<IReadOnlyList<MeetingSummary>> Handle(GetMyMeetings query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var meetings = db.Meetings.Where(m => m.OrganiserId == me.Id || db.MeetingInvitees.Any(i => i.MeetingId == m.Id && i.MemberId == me.Id));
        if (!query.IncludePast)
        {
            meetings = meetings.Where(m => m.EndUtc > now);
        }

        var take = Math.Clamp(query.Take, 1, 200);
        var rows = await meetings
            .OrderBy(m => m.StartUtc)
            .Take(take)
            .Select(m => new { m, Mine = db.MeetingInvitees.Where(i => i.MeetingId == m.Id && i.MemberId == me.Id).Select(i => new { i.Response, i.Waitlisted }).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => new MeetingSummary(
                r.m.Id, r.m.Title, r.m.Kind, r.m.StartUtc, MeetingTimes.ToLocal(r.m.StartUtc, r.m.TimeZone), r.m.Address ?? r.m.OnlineUrl,
                r.m.CancelledAt is not null, r.m.OrganiserId == me.Id, r.Mine?.Response, r.Mine?.Waitlisted ?? false))
            .ToList();
    }
}
