using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Onboarding;

/// <summary>A board member records that the association has met a new entrepreneur of their estate — the one manual step, kept with who and when.</summary>
public sealed record RecordAssociationMeeting(Guid MemberId) : ICommand<Result<AssociationMeetingRecorded>>;

public sealed record AssociationMeetingRecorded(Guid MemberId, DateTimeOffset At, Guid By);

internal sealed class RecordAssociationMeetingHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RecordAssociationMeeting, Result<AssociationMeetingRecorded>>
{
    public async ValueTask<Result<AssociationMeetingRecorded>> Handle(RecordAssociationMeeting cmd, CancellationToken ct)
    {
        var boardEstates = me.Estates.Where(e => me.HasEstateRole(Roles.Board, e)).ToArray();
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == cmd.MemberId && m.ErasedAt == null, ct);
        var onOwnEstate = member is not null && boardEstates.Length > 0 && await db.RoleAssignments.AnyAsync(
            r => r.MemberId == cmd.MemberId && r.Role == Roles.Entrepreneur && r.EstateId != null && boardEstates.Contains(r.EstateId.Value), ct);
        if (member?.TenantId is not { } tenantId || !onOwnEstate)
        {
            return Result<AssociationMeetingRecorded>.NotFound();
        }

        var progress = await db.OnboardingProgress.SingleOrDefaultAsync(p => p.MemberId == member.Id, ct);
        if (progress is null)
        {
            progress = new OnboardingProgress { MemberId = member.Id, TenantId = tenantId };
            db.OnboardingProgress.Add(progress);
        }

        if (progress.MetAssociationAt is null)
        {
            progress.MetAssociationAt = clock.GetUtcNow();
            progress.MetAssociationBy = me.Id;
            audit.Add("onboarding.association-met", $"member:{member.Id}");
            await db.SaveChangesAsync(ct);
        }

        return Result<AssociationMeetingRecorded>.Ok(new AssociationMeetingRecorded(member.Id, progress.MetAssociationAt.Value, progress.MetAssociationBy ?? me.Id));
    }
}
