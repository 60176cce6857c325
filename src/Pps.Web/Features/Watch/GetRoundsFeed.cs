using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Meetings;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>
/// The iCalendar feed of one's own patrol rounds, for calendar apps that cannot log in. It uses the member's private
/// calendar token from Meetings (one secret per member, made and revoked on the meetings calendar page), at
/// <c>/calendar/watch/{token}.ics</c> beside the meetings feed at <c>/calendar/{token}.ics</c>. Null when the token is
/// unknown, malformed or revoked.
/// </summary>
public sealed record GetRoundsFeed(string Token) : IQuery<string?>;

internal sealed class GetRoundsFeedHandler(PpsDb db, ITenantContext tenant, TimeProvider clock, IOptions<PpsOptions> pps) : IQueryHandler<GetRoundsFeed, string?>
{
    public async ValueTask<string?> Handle(GetRoundsFeed query, CancellationToken ct)
    {
        // The meetings feed's token: one secret per member for both calendars.
        var member = await CalendarTokens.ResolveAsync(db, tenant, query.Token, ct);
        if (member is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var since = now.AddDays(-90);
        var rounds = await db.PatrolRounds
            .Where(r => r.EndUtc > since && db.PatrolSignups.Any(s => s.RoundId == r.Id && s.MemberId == member.Id))
            .OrderBy(r => r.StartUtc)
            .Take(500)
            .Join(db.Estates, r => r.EstateId, e => e.Id, (r, e) => new { Round = r, Estate = e.Name })
            .ToListAsync(ct);
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//PPS Hub//Watch//NL" };
        calendar.AddProperty("X-WR-CALNAME", "PPS Hub – surveillance");
        var baseUrl = pps.Value.PublicBaseUrl.TrimEnd('/');
        foreach (var (round, estate) in rounds.Select(x => (x.Round, x.Estate)))
        {
            // Times in UTC, as the meetings feed does: unambiguous in every client, no VTIMEZONE needed.
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"watch-round-{round.Id:N}@pps-hub",
                DtStamp = new CalDateTime(now.UtcDateTime),
                DtStart = new CalDateTime(round.StartUtc.UtcDateTime),
                DtEnd = new CalDateTime(round.EndUtc.UtcDateTime),
                Summary = $"Surveillance {estate}",
                Description = $"{round.Route}\n{baseUrl}/Watch/Rounds/{round.Id}",
                Location = estate,
                Status = round.CancelledAt is null ? EventStatus.Confirmed : EventStatus.Cancelled,
                Url = new Uri($"{baseUrl}/Watch/Rounds/{round.Id}"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }
}
