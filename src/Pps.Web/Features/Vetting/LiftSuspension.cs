using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// EZ, or a board member of the member's estate, lifts a suspension with a note; the member is told by e-mail. The
/// member gets back the level they had before the suspension, but a suspension never extends vetting: a vetted
/// member's expiry is counted from their last confirmation, and if that date has passed they stay registered.
/// A board member cannot lift a suspension EZ imposed.
/// </summary>
public sealed record LiftSuspension(Guid MemberId, string Note) : ICommand<Result<VettingProgress>>;

internal sealed class LiftSuspensionValidator : AbstractValidator<LiftSuspension>
{
    public LiftSuspensionValidator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(1000);
}

internal sealed class LiftSuspensionHandler(PpsDb db, ICurrentMember me, VettingEngine engine, IAuditLog audit, IEmailQueue email, TimeProvider clock)
    : ICommandHandler<LiftSuspension, Result<VettingProgress>>
{
    public async ValueTask<Result<VettingProgress>> Handle(LiftSuspension cmd, CancellationToken ct)
    {
        var subject = await VettingSubject.LoadAsync(db, cmd.MemberId, ct);
        if (subject is null)
        {
            return Result<VettingProgress>.NotFound();
        }

        var isEz = me.IsInRole(Roles.Ez);
        if (!isEz && !subject.Estates.Any(e => me.HasEstateRole(Roles.Board, e)))
        {
            return Result<VettingProgress>.NotFound();
        }

        if (cmd.MemberId == me.Id)
        {
            return Result<VettingProgress>.Invalid("memberId", "You cannot lift your own suspension.");
        }

        var record = await engine.RecordOfAsync(subject.Member, ct);
        if (record.SuspendedAt is null)
        {
            return Result<VettingProgress>.Conflict("The member is not suspended.");
        }

        if (!isEz && record.SuspendedBy is { } by && await db.RoleAssignments.AnyAsync(r => r.MemberId == by && r.Role == Roles.Ez, ct))
        {
            return Result<VettingProgress>.Forbidden("Only EZ lifts a suspension EZ imposed.");
        }

        var steps = await db.VettingSteps.AsNoTracking().Where(s => s.MemberId == cmd.MemberId).ToListAsync(ct);
        var suspension = steps.Where(s => s.Kind == VettingStepKind.Suspended).OrderBy(s => s.At).ThenBy(s => s.Id).LastOrDefault();
        var before = suspension?.From ?? VettingLevel.Registered;
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = null;
        if (before == VettingLevel.Vetted)
        {
            var confirmed = steps.Where(s => s.Kind == VettingStepKind.Vetted).Select(s => (DateTimeOffset?)s.At).Max();
            expires = confirmed + engine.ValidFor;
            if (expires is null || expires <= now)
            {
                before = VettingLevel.Registered;
                expires = null;
            }
        }

        var reason = record.SuspendedReason;
        record.SuspendedAt = null;
        record.SuspendedBy = null;
        record.SuspendedReason = null;
        record.ExpiresAt = expires;
        record.ReminderQueuedAt = null;
        engine.Step(subject.Member, VettingStepKind.Reinstated, before, VettingActor.From(me),
            $"Suspension lifted: {cmd.Note.Trim()} (suspended for: {reason})", audit);
        if (before == VettingLevel.Vetted)
        {
            // Vetted since the confirmation that still holds, not since the suspension was lifted.
            subject.Member.VettedSince = steps.Where(s => s.Kind == VettingStepKind.Vetted).Max(s => s.At);
        }

        if (subject.Member.Email is { } to)
        {
            await email.QueueAsync(VettingMail.Reinstated(to, subject.Member.TenantId, cmd.Note.Trim()), ct);
        }

        await db.SaveChangesAsync(ct);
        return Result<VettingProgress>.Ok((await VettingProgressReader.ReadAsync(db, cmd.MemberId, ct))!);
    }
}
