using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>One document with its versions; 404 when it is not meant for the caller's roles.</summary>
public sealed record GetLibraryDocument(Guid Id) : IQuery<Result<LibraryDocumentDetail>>;

public sealed record LibraryDocumentDetail(
    Guid Id, string Title, string Summary, LibraryCategory Category, string Language, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Audience, IReadOnlyList<string> MustReadRoles, IReadOnlyList<Guid> MustReadEstates,
    int CurrentVersion, bool MustRead, int? ConfirmedVersion, DateTimeOffset? ConfirmedAt, bool CanEdit,
    IReadOnlyList<LibraryVersionView> Versions)
{
    public LibraryVersionView Current => Versions.First(v => v.Number == CurrentVersion);

    public bool ConfirmedCurrent => ConfirmedVersion == CurrentVersion;
}

public sealed record LibraryVersionView(
    int Number, LibraryContentKind Kind, string? ContentType, string? FileName, long? Size, string? Url, string? Body,
    string? ChangeNote, DateTimeOffset CreatedAt)
{
    public string? DownloadPath(Guid documentId) => Kind == LibraryContentKind.File ? $"/api/library/{documentId}/versions/{Number}/file" : null;
}

internal sealed class GetLibraryDocumentHandler(PpsDb db, ITenantContext tenant, ICurrentMember me) : IQueryHandler<GetLibraryDocument, Result<LibraryDocumentDetail>>
{
    public async ValueTask<Result<LibraryDocumentDetail>> Handle(GetLibraryDocument query, CancellationToken ct)
    {
        var roles = LibraryAccess.Of(me);
        var document = me.TenantId is null && me.IsInRole(Roles.PlatformAdmin)
            ? await LibraryEditing.FindForEditorAsync(db, tenant, me, query.Id, ct)
            : await db.LibraryDocuments.SingleOrDefaultAsync(d => d.Id == query.Id, ct);
        if (document is null || !LibraryAccess.IsVisibleTo(document, roles))
        {
            return Result<LibraryDocumentDetail>.NotFound();
        }

        var versions = await db.LibraryDocumentVersions.Where(v => v.DocumentId == document.Id).OrderByDescending(v => v.Number)
            .Select(v => new LibraryVersionView(v.Number, v.Kind, v.ContentType, v.FileName, v.Size, v.Url, v.Body, v.ChangeNote, v.CreatedAt))
            .ToListAsync(ct);
        var confirmation = await db.ReadConfirmations.Where(c => c.DocumentId == document.Id && c.MemberId == me.Id)
            .OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        return Result<LibraryDocumentDetail>.Ok(new LibraryDocumentDetail(
            document.Id, document.Title, document.Summary, document.Category, document.Language, document.TagList,
            document.AudienceList, document.MustReadRoleList, document.MustReadEstateList, document.CurrentVersion,
            LibraryAccess.IsMustReadFor(document, roles), confirmation?.Version, confirmation?.ConfirmedAt,
            LibraryAccess.IsEditor(me), versions));
    }
}

/// <summary>Opens a stored file of a version, after the same visibility check as the document.</summary>
public sealed record OpenLibraryFile(Guid DocumentId, int Version) : IQuery<Result<LibraryFile>>;

public sealed record LibraryFile(Infrastructure.Storage.BlobContent Blob, string ContentType, string FileName);

internal sealed class OpenLibraryFileHandler(PpsDb db, ITenantContext tenant, ICurrentMember me, Infrastructure.Storage.IBlobStore blobs)
    : IQueryHandler<OpenLibraryFile, Result<LibraryFile>>
{
    public async ValueTask<Result<LibraryFile>> Handle(OpenLibraryFile query, CancellationToken ct)
    {
        var roles = LibraryAccess.Of(me);
        var document = me.TenantId is null && me.IsInRole(Roles.PlatformAdmin)
            ? await LibraryEditing.FindForEditorAsync(db, tenant, me, query.DocumentId, ct)
            : await db.LibraryDocuments.SingleOrDefaultAsync(d => d.Id == query.DocumentId, ct);
        if (document is null || !LibraryAccess.IsVisibleTo(document, roles))
        {
            return Result<LibraryFile>.NotFound();
        }

        var version = await db.LibraryDocumentVersions.SingleOrDefaultAsync(v => v.DocumentId == document.Id && v.Number == query.Version, ct);
        if (version?.BlobKey is null)
        {
            return Result<LibraryFile>.NotFound();
        }

        var blob = await blobs.OpenAsync(version.BlobKey, ct);
        return blob is null
            ? Result<LibraryFile>.NotFound()
            : Result<LibraryFile>.Ok(new LibraryFile(blob, version.ContentType ?? "application/octet-stream", version.FileName ?? "document"));
    }
}
