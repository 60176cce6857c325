using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Dashboard;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Watch;

/// <summary>Dashboard: my next patrol round and, for an estate's board, the rounds of the coming two weeks that lack people.</summary>
internal sealed class WatchCard(IMediator mediator, PpsDb db, ICurrentMember me, WatchAccess access, TimeProvider clock, IStringLocalizer<WatchText> text) : IDashboardCard
{
    public int Order => 60;

    public async Task<DashboardCardModel?> BuildAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Board rights come from the member's claims: without any, the estates need not be read at all.
        var boardOf = me.Estates.Any(access.IsBoard)
            ? (await db.Estates.Select(e => e.Id).ToListAsync(ct)).Where(access.IsBoard).ToArray()
            : [];
        var mine = (await mediator.Send(new GetMyRounds(), ct)).Where(r => r.Start > now && !r.Cancelled).ToList();
        if (mine.Count == 0 && boardOf.Length == 0)
        {
            return null;
        }

        var items = new List<DashboardItem>();
        if (mine.FirstOrDefault() is { } next)
        {
            items.Add(new DashboardItem(text["CardNextRound", next.EstateName], $"/Watch/Rounds/{next.Id}", When(next)));
        }

        if (boardOf.Length > 0)
        {
            var horizon = now.AddDays(14);
            var soon = await RoundView.LoadAsync(
                db, db.PatrolRounds.Where(r => boardOf.Contains(r.EstateId) && r.CancelledAt == null && r.StartUtc > now && r.StartUtc <= horizon), ct);
            items.AddRange(soon.Where(r => r.Understaffed).Take(5).Select(r => new DashboardItem(
                text["CardUnderstaffed", r.EstateName, r.Participants.Count, r.MinimumPeople], $"/Watch/Rounds/{r.Id}", When(r), "warning")));
        }

        return new DashboardCardModel("watch", text["Watch"], null, items, "/Watch", text["CardAllRounds"], EmptyText: text["CardNothing"]);
    }

    private static string When(RoundView r) => WatchTimes.ToLocal(r.Start).ToString("f", CultureInfo.CurrentCulture);
}
