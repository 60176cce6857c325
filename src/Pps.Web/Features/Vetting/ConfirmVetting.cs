using FluentValidation;
using Mediator;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>The EZ account manager confirms a vouched member: vetted, for <see cref="VettingOptions.ValidFor"/>.</summary>
public sealed record ConfirmVetting(Guid MemberId, string? Note) : ICommand<Result<VettingProgress>>;

internal sealed class ConfirmVettingValidator : AbstractValidator<ConfirmVetting>
{
    public ConfirmVettingValidator() => RuleFor(c => c.Note).MaximumLength(1000);
}

internal sealed class ConfirmVettingHandler(PpsDb db, ICurrentMember me, VettingEngine engine, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ConfirmVetting, Result<VettingProgress>>
{
    public async ValueTask<Result<VettingProgress>> Handle(ConfirmVetting cmd, CancellationToken ct)
    {
        if (!me.IsInRole(Roles.Ez))
        {
            return Result<VettingProgress>.Forbidden("Only an EZ account manager confirms vetting.");
        }

        var subject = await VettingSubject.LoadAsync(db, cmd.MemberId, ct);
        if (subject is null)
        {
            return Result<VettingProgress>.NotFound();
        }

        if (cmd.MemberId == me.Id)
        {
            return Result<VettingProgress>.Invalid("memberId", "You cannot confirm your own vetting.");
        }

        var record = await engine.RecordOfAsync(subject.Member, ct);
        if (record.SuspendedAt is not null)
        {
            return Result<VettingProgress>.Conflict("The member is suspended.");
        }

        if (subject.Member.VettingLevel != VettingLevel.Vouched)
        {
            return Result<VettingProgress>.Conflict($"The member is {subject.Member.VettingLevel}; only a vouched member can be confirmed.");
        }

        if (!await engine.VouchesSufficeAsync(subject.Member.Id, ct))
        {
            return Result<VettingProgress>.Conflict("The member's vouches no longer suffice.");
        }

        record.ExpiresAt = clock.GetUtcNow() + engine.ValidFor;
        record.ReminderQueuedAt = null;
        engine.Step(subject.Member, VettingStepKind.Vetted, VettingLevel.Vetted, VettingActor.From(me), cmd.Note ?? "Confirmed by EZ.", audit);
        db.Raise(MemberDirectory.DirectorySourceChanged.Member(subject.Member.Id));
        await db.SaveChangesAsync(ct);
        return Result<VettingProgress>.Ok((await VettingProgressReader.ReadAsync(db, cmd.MemberId, ct))!);
    }
}
