using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>What a board member or EZ needs to suspend a member or lift a suspension; others get 404, as for the commands.</summary>
public sealed record GetSuspension(Guid MemberId) : IQuery<Result<SuspensionView>>;

public sealed record SuspensionView(
    Guid MemberId,
    string Name,
    string? Business,
    VettingLevel Level,
    DateTimeOffset? SuspendedAt,
    string? SuspendedReason,
    bool IsSelf,
    bool CanLift);

internal sealed class GetSuspensionHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetSuspension, Result<SuspensionView>>
{
    public async ValueTask<Result<SuspensionView>> Handle(GetSuspension query, CancellationToken ct)
    {
        var subject = await VettingSubject.LoadAsync(db, query.MemberId, ct);
        if (subject is null)
        {
            return Result<SuspensionView>.NotFound();
        }

        var isEz = me.IsInRole(Roles.Ez);
        if (!isEz && !subject.Estates.Any(e => me.HasEstateRole(Roles.Board, e)))
        {
            return Result<SuspensionView>.NotFound();
        }

        var record = await db.VettingRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == query.MemberId, ct);
        var suspendedByEz = record?.SuspendedBy is { } by && await db.RoleAssignments.AnyAsync(r => r.MemberId == by && r.Role == Roles.Ez, ct);
        var isSelf = query.MemberId == me.Id;
        return Result<SuspensionView>.Ok(new SuspensionView(
            subject.Member.Id,
            subject.Member.DisplayName,
            subject.Business?.Name,
            subject.Member.VettingLevel,
            record?.SuspendedAt,
            record?.SuspendedReason,
            isSelf,
            record?.SuspendedAt is not null && !isSelf && (isEz || !suspendedByEz)));
    }
}
