using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Signals;

/// <summary>An internal note on a case; handlers only, never shown to the reporter.</summary>
public sealed record AddSignalNote(SignalRoute Route, Guid Id, string Text) : ICommand<Result>;

internal sealed class AddSignalNoteValidator : AbstractValidator<AddSignalNote>
{
    public AddSignalNoteValidator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(5000);
}

internal sealed class AddSignalNoteHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<AddSignalNote, Result>
{
    public async ValueTask<Result> Handle(AddSignalNote cmd, CancellationToken ct)
    {
        var s = await SignalAccess.LoadAsync(db, me, cmd.Route, cmd.Id, ct);
        if (s is null)
        {
            return Result.NotFound();
        }

        SignalAccess.Append(db, s, HistoryKind.Note, clock.GetUtcNow(), me.Id, cmd.Text.Trim());
        audit.Add($"{SignalAccess.AuditPrefix(cmd.Route)}.note-added", SignalAccess.AuditObject(s));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
