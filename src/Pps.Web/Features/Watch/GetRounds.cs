using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Watch;

public sealed record RoundParticipant(Guid MemberId, string Name, Guid? SwapOfferedTo);

public sealed record RoundView(
    Guid Id,
    Guid EstateId,
    string EstateName,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Route,
    int MinimumPeople,
    bool Understaffed,
    IReadOnlyList<RoundParticipant> Participants,
    DateTimeOffset? ReportedAt,
    bool? AllQuiet,
    string? Findings,
    bool Cancelled)
{
    internal static RoundView Of(PatrolRound r, string estateName, IReadOnlyList<RoundParticipant> participants)
        => new(r.Id, r.EstateId, estateName, r.StartUtc, r.EndUtc, r.Route, r.MinimumPeople, r.CancelledAt is null && participants.Count < r.MinimumPeople,
            participants, r.ReportedAt, r.AllQuiet, r.Findings, r.CancelledAt is not null);

    internal static async Task<List<RoundView>> LoadAsync(PpsDb db, IQueryable<PatrolRound> rounds, CancellationToken ct)
    {
        var list = await rounds.OrderBy(r => r.StartUtc).Take(500).ToListAsync(ct);
        if (list.Count == 0)
        {
            return [];
        }

        var ids = list.Select(r => r.Id).ToArray();
        var estateIds = list.Select(r => r.EstateId).Distinct().ToArray();
        var estates = await db.Estates.Where(e => estateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var signups = await db.PatrolSignups.Where(s => ids.Contains(s.RoundId))
            .Join(db.Members, s => s.MemberId, m => m.Id, (s, m) => new { s.RoundId, s.MemberId, m.DisplayName, s.SwapOfferedTo, s.SignedUpAt })
            .ToListAsync(ct);
        return list.Select(r => Of(
                r,
                estates.GetValueOrDefault(r.EstateId, ""),
                signups.Where(s => s.RoundId == r.Id).OrderBy(s => s.SignedUpAt).Select(s => new RoundParticipant(s.MemberId, s.DisplayName, s.SwapOfferedTo)).ToList()))
            .ToList();
    }
}

/// <summary>The rounds of one estate in a month (UTC), for its vetted members and staff.</summary>
public sealed record GetRounds(Guid EstateId, int Year, int Month) : IQuery<Result<IReadOnlyList<RoundView>>>;

internal sealed class GetRoundsHandler(PpsDb db, WatchAccess access) : IQueryHandler<GetRounds, Result<IReadOnlyList<RoundView>>>
{
    public async ValueTask<Result<IReadOnlyList<RoundView>>> Handle(GetRounds q, CancellationToken ct)
    {
        if (await access.EstateAsync(q.EstateId, ct) is null || !access.CanSeeRounds(q.EstateId))
        {
            return Result<IReadOnlyList<RoundView>>.NotFound("No such estate.");
        }

        if (q.Year is < 2000 or > 2100 || q.Month is < 1 or > 12)
        {
            return Result<IReadOnlyList<RoundView>>.Invalid("month", "Give a month as yyyy-MM.");
        }

        var from = new DateTimeOffset(q.Year, q.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddMonths(1);
        var rounds = await RoundView.LoadAsync(db, db.PatrolRounds.Where(r => r.EstateId == q.EstateId && r.StartUtc >= from && r.StartUtc < to), ct);
        return Result<IReadOnlyList<RoundView>>.Ok(rounds);
    }
}

public sealed record GetRound(Guid RoundId) : IQuery<Result<RoundView>>;

internal sealed class GetRoundHandler(PpsDb db, WatchAccess access) : IQueryHandler<GetRound, Result<RoundView>>
{
    public async ValueTask<Result<RoundView>> Handle(GetRound q, CancellationToken ct)
    {
        if (await access.VisibleRoundAsync(q.RoundId, ct) is null)
        {
            return Result<RoundView>.NotFound("No such round.");
        }

        var views = await RoundView.LoadAsync(db, db.PatrolRounds.Where(r => r.Id == q.RoundId), ct);
        return Result<RoundView>.Ok(views[0]);
    }
}

/// <summary>The caller's own upcoming and recent rounds over all estates.</summary>
public sealed record GetMyRounds : IQuery<IReadOnlyList<RoundView>>;

internal sealed class GetMyRoundsHandler(PpsDb db, WatchAccess access, TimeProvider clock) : IQueryHandler<GetMyRounds, IReadOnlyList<RoundView>>
{
    public async ValueTask<IReadOnlyList<RoundView>> Handle(GetMyRounds q, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-31);
        var me = access.MemberId;
        return await RoundView.LoadAsync(
            db,
            db.PatrolRounds.Where(r => r.StartUtc >= since && db.PatrolSignups.Any(s => s.RoundId == r.Id && s.MemberId == me)),
            ct);
    }
}

public sealed record WatchMember(Guid Id, string Name);

/// <summary>The vetted members of an estate who can be put on its rounds (for the board's assign and a participant's swap pickers).</summary>
public sealed record GetWatchMembers(Guid EstateId) : IQuery<Result<IReadOnlyList<WatchMember>>>;

internal sealed class GetWatchMembersHandler(PpsDb db, WatchAccess access) : IQueryHandler<GetWatchMembers, Result<IReadOnlyList<WatchMember>>>
{
    public async ValueTask<Result<IReadOnlyList<WatchMember>>> Handle(GetWatchMembers q, CancellationToken ct)
    {
        if (!access.IsEstateMember(q.EstateId))
        {
            return Result<IReadOnlyList<WatchMember>>.NotFound("No such estate.");
        }

        var members = await db.Members
            .Where(m => m.VettingLevel == VettingLevel.Vetted && m.ErasedAt == null
                        && db.RoleAssignments.Any(r => r.MemberId == m.Id && r.EstateId == q.EstateId && Roles.EstateRoles.Contains(r.Role)))
            .OrderBy(m => m.DisplayName)
            .Take(500)
            .Select(m => new WatchMember(m.Id, m.DisplayName))
            .ToListAsync(ct);
        return Result<IReadOnlyList<WatchMember>>.Ok(members);
    }
}
