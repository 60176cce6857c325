using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>
/// A new version of a document. Old versions stay; the change note says what changed; must-read readers are asked
/// to confirm again because confirmations count for the current version only.
/// </summary>
public sealed record AddLibraryVersion(Guid DocumentId, LibraryContent Content, string? ChangeNote) : ICommand<Result<LibraryDocumentCreated>>;

internal sealed class AddLibraryVersionValidator : AbstractValidator<AddLibraryVersion>
{
    public AddLibraryVersionValidator()
    {
        RuleFor(c => c.ChangeNote).NotEmpty().WithMessage("Say what changed in this version.").MaximumLength(LibraryLimits.ChangeNote);
        RuleFor(c => c.Content).NotNull().SetValidator(new LibraryContentValidator());
    }
}

internal sealed class AddLibraryVersionHandler(
    PpsDb db, ITenantContext tenant, ICurrentMember me, IBlobStore blobs, IAuditLog audit, TimeProvider clock, ILogger<AddLibraryVersionHandler> log)
    : ICommandHandler<AddLibraryVersion, Result<LibraryDocumentCreated>>
{
    public async ValueTask<Result<LibraryDocumentCreated>> Handle(AddLibraryVersion cmd, CancellationToken ct)
    {
        if (!LibraryAccess.IsEditor(me))
        {
            return Result<LibraryDocumentCreated>.Forbidden();
        }

        var document = await LibraryEditing.FindForEditorAsync(db, tenant, me, cmd.DocumentId, ct);
        if (document is null)
        {
            return Result<LibraryDocumentCreated>.NotFound();
        }

        var prepared = LibraryContentInspection.Prepare(cmd.Content);
        if (prepared.Value is not { } content)
        {
            return Result<LibraryDocumentCreated>.Invalid(prepared.Errors!);
        }

        var now = clock.GetUtcNow();
        var number = document.CurrentVersion + 1;
        var key = await LibraryContentInspection.WriteAsync(blobs, content, ct);
        db.LibraryDocumentVersions.Add(LibraryContentInspection.NewVersion(document, number, content, key, cmd.ChangeNote, me.Id, now));
        document.CurrentVersion = number;
        document.UpdatedAt = now;
        audit.Add("library.version.added", $"library:{document.Id}", detail: $"version {number}");
        if (!await LibraryContentInspection.SaveOrRollBackBlobAsync(db, blobs, key, log, ct))
        {
            return Result<LibraryDocumentCreated>.Conflict("Someone else added a version at the same time; nothing was saved. Reload and try again.");
        }

        return Result<LibraryDocumentCreated>.Created(new LibraryDocumentCreated(document.Id, number));
    }
}

/// <summary>Removes a document with all its versions, blobs and confirmations.</summary>
public sealed record DeleteLibraryDocument(Guid DocumentId) : ICommand<Result>;

internal sealed class DeleteLibraryDocumentHandler(PpsDb db, ITenantContext tenant, ICurrentMember me, IBlobStore blobs, IAuditLog audit)
    : ICommandHandler<DeleteLibraryDocument, Result>
{
    public async ValueTask<Result> Handle(DeleteLibraryDocument cmd, CancellationToken ct)
    {
        if (!LibraryAccess.IsEditor(me))
        {
            return Result.Forbidden();
        }

        var document = await LibraryEditing.FindForEditorAsync(db, tenant, me, cmd.DocumentId, ct);
        if (document is null)
        {
            return Result.NotFound();
        }

        var keys = await db.LibraryDocumentVersions.Where(v => v.DocumentId == document.Id && v.BlobKey != null).Select(v => v.BlobKey!).ToListAsync(ct);
        db.LibraryDocumentVersions.RemoveRange(db.LibraryDocumentVersions.Where(v => v.DocumentId == document.Id));
        db.ReadConfirmations.RemoveRange(db.ReadConfirmations.Where(c => c.DocumentId == document.Id));
        db.LibraryDocuments.Remove(document);
        audit.Add("library.document.deleted", $"library:{document.Id}");
        await db.SaveChangesAsync(ct);

        // Blobs go only after the records are gone: a failure here leaves an unreferenced blob, never a record without its file.
        foreach (var key in keys)
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
        }

        return Result.Ok();
    }
}
