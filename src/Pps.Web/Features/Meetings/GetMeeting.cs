using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>A meeting as its organiser, an invitee or staff sees it; anyone else gets 404.</summary>
public sealed record GetMeeting(Guid MeetingId) : IQuery<Result<MeetingDetail>>;

public sealed record EstateRef(Guid Id, string Name);

public sealed record ActionDto(Guid Id, string Title, Guid? OwnerMemberId, Guid? OwnerOrganisationId, string? Owner, DateOnly? DueDate, ActionStatus Status, Guid MeetingId, string MeetingTitle, Guid EstateId, Guid? FindingId);

public sealed record FindingDto(Guid Id, string Description, double Longitude, double Latitude, bool HasPhoto, Guid EstateId, Guid? ActionItemId);

public sealed record MeetingDetail(
    Guid Id,
    string Title,
    MeetingKind Kind,
    IReadOnlyList<string> Agenda,
    string? Address,
    string? OnlineUrl,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    DateTime StartLocal,
    DateTime EndLocal,
    string TimeZone,
    Guid OrganiserId,
    string OrganiserName,
    IReadOnlyList<EstateRef> Estates,
    int? Capacity,
    int Places,
    int Sequence,
    bool Cancelled,
    bool IsOrganiser,
    RsvpResponse? MyResponse,
    string? MyComment,
    bool MyWaitlisted,
    GraphSyncState GraphState,
    string? GraphLastError,
    DateTimeOffset? GraphNextAttemptAt,
    string? MinutesHtml,
    string? MinutesMarkdown,
    string? Decisions,
    IReadOnlyList<ActionDto> Actions,
    IReadOnlyList<FindingDto> Findings);

internal sealed class GetMeetingHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMeeting, Result<MeetingDetail>>
{
    public async ValueTask<Result<MeetingDetail>> Handle(GetMeeting query, CancellationToken ct)
    {
        var m = await MeetingAccess.VisibleAsync(db, me, query.MeetingId, ct);
        if (m is null)
        {
            return Result<MeetingDetail>.NotFound();
        }

        var organiser = await db.Members.IgnoreQueryFilters().Where(x => x.Id == m.OrganiserId).Select(x => x.DisplayName).SingleAsync(ct);
        var estateIds = m.Estates.Select(e => e.EstateId).ToArray();
        var estates = await db.Estates.Where(e => estateIds.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new EstateRef(e.Id, e.Name)).ToListAsync(ct);
        var mine = await db.MeetingInvitees.SingleOrDefaultAsync(i => i.MeetingId == m.Id && i.MemberId == me.Id, ct);
        var places = await db.MeetingInvitees.CountAsync(i => i.MeetingId == m.Id && i.Response == RsvpResponse.Yes && !i.Waitlisted, ct);
        var actions = await ActionQueries.ListAsync(db, db.ActionItems.Where(a => a.MeetingId == m.Id), ct);
        var findings = await db.Findings.Where(f => f.MeetingId == m.Id).OrderBy(f => f.CreatedAt)
            .Select(f => new FindingDto(f.Id, f.Description, f.Longitude, f.Latitude, f.PhotoKey != null, f.EstateId, f.ActionItemId))
            .ToListAsync(ct);
        var isOrganiser = m.OrganiserId == me.Id;
        return Result<MeetingDetail>.Ok(new MeetingDetail(
            m.Id, m.Title, m.Kind, m.AgendaItems, m.Address, m.OnlineUrl, m.StartUtc, m.EndUtc,
            MeetingTimes.ToLocal(m.StartUtc, m.TimeZone), MeetingTimes.ToLocal(m.EndUtc, m.TimeZone), m.TimeZone,
            m.OrganiserId, organiser, estates, m.Capacity, places, m.Sequence, m.CancelledAt is not null, isOrganiser,
            mine?.Response, mine?.Comment, mine?.Waitlisted ?? false,
            m.GraphState, isOrganiser ? m.GraphLastError : null, isOrganiser ? m.GraphNextAttemptAt : null,
            m.MinutesHtml, isOrganiser ? m.MinutesMarkdown : null, m.Decisions, actions, findings));
    }
}

internal static class ActionQueries
{
    public static async Task<List<ActionDto>> ListAsync(PpsDb db, IQueryable<ActionItem> source, CancellationToken ct)
    {
        var rows = await source
            .Join(db.Meetings, a => a.MeetingId, m => m.Id, (a, m) => new { a, m.Title })
            .ToListAsync(ct);
        var memberIds = rows.Where(r => r.a.OwnerMemberId != null).Select(r => r.a.OwnerMemberId!.Value).Distinct().ToArray();
        var orgIds = rows.Where(r => r.a.OwnerOrganisationId != null).Select(r => r.a.OwnerOrganisationId!.Value).Distinct().ToArray();
        var members = await db.Members.Where(x => memberIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.ErasedAt == null ? x.DisplayName : Members.Member.FormerMemberName, ct);
        var orgs = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(r => new ActionDto(
                r.a.Id, r.a.Title, r.a.OwnerMemberId, r.a.OwnerOrganisationId,
                r.a.OwnerMemberId is { } mid && members.TryGetValue(mid, out var mn) ? mn : r.a.OwnerOrganisationId is { } oid && orgs.TryGetValue(oid, out var on) ? on : null,
                r.a.DueDate, r.a.Status, r.a.MeetingId, r.Title, r.a.EstateId, r.a.FindingId))
            .OrderBy(a => a.DueDate ?? DateOnly.MaxValue)
            .ThenBy(a => a.Title, StringComparer.CurrentCulture)
            .ToList();
    }
}
