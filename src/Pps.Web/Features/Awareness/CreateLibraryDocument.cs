using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>An editor (OOV, EZ, platform administrator) adds a document with its first version.</summary>
public sealed record CreateLibraryDocument(
    string Title,
    string? Summary,
    LibraryCategory Category,
    string Language,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Audience,
    IReadOnlyList<string>? MustReadRoles,
    IReadOnlyList<Guid>? MustReadEstates,
    LibraryContent Content,
    Guid? TenantId = null) : ICommand<Result<LibraryDocumentCreated>>;

public sealed record LibraryDocumentCreated(Guid Id, int Version);

internal sealed class CreateLibraryDocumentValidator : AbstractValidator<CreateLibraryDocument>
{
    public CreateLibraryDocumentValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(LibraryLimits.Title);
        RuleFor(c => c.Summary).MaximumLength(LibraryLimits.Summary);
        RuleFor(c => c.Category).IsInEnum();
        RuleFor(c => c.Language).NotEmpty().Matches("^[a-z]{2,3}$").WithMessage("Give a language code such as nl or en.");
        RuleFor(c => c.Tags).Must(t => t is null || (t.Count <= 20 && t.All(x => x.Length <= 40)))
            .WithMessage("At most 20 tags of at most 40 characters.");
        RuleForEach(c => c.Audience).Must(Roles.IsKnown).WithMessage("Unknown role.");
        RuleForEach(c => c.MustReadRoles).Must(Roles.IsKnown).WithMessage("Unknown role.");
        RuleFor(c => c.MustReadEstates).Must(e => e is null || e.Count <= 50);
        RuleFor(c => c.Content).NotNull().SetValidator(new LibraryContentValidator());
    }
}

internal sealed class CreateLibraryDocumentHandler(
    PpsDb db, ITenantContext tenant, ICurrentMember me, IBlobStore blobs, IAuditLog audit, TimeProvider clock, ILogger<CreateLibraryDocumentHandler> log)
    : ICommandHandler<CreateLibraryDocument, Result<LibraryDocumentCreated>>
{
    public async ValueTask<Result<LibraryDocumentCreated>> Handle(CreateLibraryDocument cmd, CancellationToken ct)
    {
        if (!LibraryAccess.IsEditor(me))
        {
            return Result<LibraryDocumentCreated>.Forbidden();
        }

        var tenantId = me.TenantId ?? cmd.TenantId;
        if (tenantId is not { } tid || (me.TenantId is null && !await LibraryEditing.TenantExistsAsync(db, tenant, tid, ct)))
        {
            return Result<LibraryDocumentCreated>.Invalid("tenantId", "Choose the municipality the document belongs to.");
        }

        tenant.Use(tid);
        var estates = cmd.MustReadEstates?.Distinct().ToArray() ?? [];
        if (estates.Length > 0 && await LibraryEditing.CountEstatesAsync(db, estates, ct) != estates.Length)
        {
            return Result<LibraryDocumentCreated>.Invalid("mustReadEstates", "No such estate in your municipality.");
        }

        var prepared = LibraryContentInspection.Prepare(cmd.Content);
        if (prepared.Value is not { } content)
        {
            return Result<LibraryDocumentCreated>.Invalid(prepared.Errors!);
        }

        var now = clock.GetUtcNow();
        var document = new LibraryDocument
        {
            TenantId = tid,
            Title = cmd.Title.Trim(),
            Summary = cmd.Summary?.Trim() ?? "",
            Category = cmd.Category,
            Language = cmd.Language,
            Tags = LibraryEditing.JoinTags(cmd.Tags),
            AudienceRoles = LibraryEditing.Join(cmd.Audience),
            MustReadRoles = LibraryEditing.Join(cmd.MustReadRoles),
            MustReadEstates = string.Join(' ', estates),
            CurrentVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = me.Id,
        };

        var key = await LibraryContentInspection.WriteAsync(blobs, content, ct);
        db.LibraryDocuments.Add(document);
        db.LibraryDocumentVersions.Add(LibraryContentInspection.NewVersion(document, 1, content, key, null, me.Id, now));
        audit.Add("library.document.created", $"library:{document.Id}");
        if (!await LibraryContentInspection.SaveOrRollBackBlobAsync(db, blobs, key, log, ct))
        {
            return Result<LibraryDocumentCreated>.Conflict("The document could not be stored; nothing was saved. Try again.");
        }

        return Result<LibraryDocumentCreated>.Created(new LibraryDocumentCreated(document.Id, 1));
    }
}
