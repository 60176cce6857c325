using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>"I have read and understood" for the current version of a document meant for the caller.</summary>
public sealed record ConfirmRead(Guid DocumentId, int Version) : ICommand<Result<ReadConfirmed>>;

public sealed record ReadConfirmed(Guid DocumentId, int Version, DateTimeOffset ConfirmedAt);

internal sealed class ConfirmReadValidator : AbstractValidator<ConfirmRead>
{
    public ConfirmReadValidator() => RuleFor(c => c.Version).GreaterThan(0);
}

internal sealed class ConfirmReadHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<ConfirmRead, Result<ReadConfirmed>>
{
    public async ValueTask<Result<ReadConfirmed>> Handle(ConfirmRead cmd, CancellationToken ct)
    {
        var document = await db.LibraryDocuments.SingleOrDefaultAsync(d => d.Id == cmd.DocumentId, ct);
        if (document is null || me.TenantId is null || !LibraryAccess.IsVisibleTo(document, LibraryAccess.Of(me)))
        {
            return Result<ReadConfirmed>.NotFound();
        }

        if (cmd.Version != document.CurrentVersion)
        {
            return Result<ReadConfirmed>.Invalid("version", $"Version {cmd.Version} is not the current version ({document.CurrentVersion}); read the current version and confirm that.");
        }

        var existing = await db.ReadConfirmations.SingleOrDefaultAsync(c => c.DocumentId == document.Id && c.MemberId == me.Id && c.Version == cmd.Version, ct);
        if (existing is not null)
        {
            return Result<ReadConfirmed>.Ok(new ReadConfirmed(document.Id, existing.Version, existing.ConfirmedAt));
        }

        var confirmation = new ReadConfirmation
        {
            TenantId = document.TenantId, DocumentId = document.Id, MemberId = me.Id, Version = cmd.Version, ConfirmedAt = clock.GetUtcNow(),
        };
        db.ReadConfirmations.Add(confirmation);
        audit.Add("library.read.confirmed", $"library:{document.Id}", detail: $"version {cmd.Version}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click raced the first confirmation; it is stored once, which is all that counts.
            return Result<ReadConfirmed>.Ok(new ReadConfirmed(document.Id, cmd.Version, confirmation.ConfirmedAt));
        }

        return Result<ReadConfirmed>.Ok(new ReadConfirmed(document.Id, cmd.Version, confirmation.ConfirmedAt));
    }
}
