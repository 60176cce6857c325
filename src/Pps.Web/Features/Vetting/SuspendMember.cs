using FluentValidation;
using Mediator;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Live;

namespace Pps.Web.Features.Vetting;

/// <summary>A board member (of the member's own estate) or EZ suspends a member with a reason; the member is told by e-mail.</summary>
public sealed record SuspendMember(Guid MemberId, string Reason) : ICommand<Result<VettingProgress>>;

internal sealed class SuspendMemberValidator : AbstractValidator<SuspendMember>
{
    public SuspendMemberValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class SuspendMemberHandler(PpsDb db, ICurrentMember me, VettingEngine engine, IAuditLog audit, IEmailQueue email, TimeProvider clock)
    : ICommandHandler<SuspendMember, Result<VettingProgress>>
{
    public async ValueTask<Result<VettingProgress>> Handle(SuspendMember cmd, CancellationToken ct)
    {
        var subject = await VettingSubject.LoadAsync(db, cmd.MemberId, ct);
        if (subject is null)
        {
            return Result<VettingProgress>.NotFound();
        }

        var isEz = me.IsInRole(Roles.Ez);
        var isBoard = subject.Estates.Any(e => me.HasEstateRole(Roles.Board, e));
        if (!isEz && !isBoard)
        {
            // Members of estates the caller does not govern are not theirs to see.
            return Result<VettingProgress>.NotFound();
        }

        if (cmd.MemberId == me.Id)
        {
            return Result<VettingProgress>.Invalid("memberId", "You cannot suspend yourself.");
        }

        var record = await engine.RecordOfAsync(subject.Member, ct);
        if (record.SuspendedAt is not null)
        {
            return Result<VettingProgress>.Conflict("The member is already suspended.");
        }

        record.SuspendedAt = clock.GetUtcNow();
        record.SuspendedBy = me.Id;
        record.SuspendedReason = cmd.Reason.Trim();
        // The suspended member's open hub connections and sessions must not keep the rights they had.
        await db.RevokeSessionsAsync(subject.Member.Id, SessionRevocation.RightsChanged, ct);
        await engine.LoseStatusAsync(subject.Member, VettingStepKind.Suspended, VettingLevel.Registered, VettingActor.From(me), "Suspended: " + record.SuspendedReason, audit, ct);
        if (subject.Member.Email is { } to)
        {
            await email.QueueAsync(VettingMail.Lost(to, subject.Member.TenantId, "u bent geschorst. Reden: " + record.SuspendedReason, "you have been suspended. Reason: " + record.SuspendedReason), ct);
        }

        await db.SaveChangesAsync(ct);
        return Result<VettingProgress>.Ok((await VettingProgressReader.ReadAsync(db, cmd.MemberId, ct))!);
    }
}
