using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Pages.Admin;

namespace Pps.Web.Pages.Library;

/// <summary>Editors add a document, or a new version of one (<c>?documentId=</c>); the same use cases as the API.</summary>
[Authorize(Policy = AwarenessModule.EditorPolicy)]
[RequestSizeLimit(LibraryLimits.MaxUploadBytes + (256 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = LibraryLimits.MaxUploadBytes + (256 * 1024))]
public sealed class UploadModel(IMediator mediator, PpsDb db, ICurrentMember me) : PageModel
{
    public static readonly string[] AudienceRoles = [Roles.Entrepreneur, Roles.Board, Roles.Police, Roles.FireService, Roles.Oov, Roles.Ez, Roles.Ro, Roles.Vvh];

    [BindProperty(SupportsGet = true)]
    public Guid? DocumentId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Language { get; set; } = "nl";

    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public List<string> Audience { get; set; } = [];

    [BindProperty]
    public List<string> MustReadRoles { get; set; } = [];

    [BindProperty]
    public List<Guid> MustReadEstates { get; set; } = [];

    [BindProperty]
    public string Kind { get; set; } = nameof(LibraryContentKind.File);

    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    [BindProperty(Name = "url")]
    public string? Link { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? ChangeNote { get; set; }

    public string? ExistingTitle { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var content = await ContentAsync(ct);
        try
        {
            Result<LibraryDocumentCreated> result = DocumentId is { } id
                ? await mediator.Send(new AddLibraryVersion(id, content, ChangeNote), ct)
                : await mediator.Send(new CreateLibraryDocument(
                    Title ?? "", Summary,
                    LibraryForm.TryEnum<LibraryCategory>(Category ?? "", out var c) ? c : (LibraryCategory)(-1),
                    (Language ?? "").Trim().ToLowerInvariant(),
                    (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Audience, MustReadRoles, MustReadEstates, content), ct);
            if (result.Value is { } created)
            {
                return Redirect($"/Library/Document/{created.Id}");
            }

            if (!Errors.Add(result))
            {
                Errors.Add("form", result.Detail ?? "The document could not be stored.");
            }
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<LibraryContent> ContentAsync(CancellationToken ct)
    {
        var kind = LibraryForm.TryEnum<LibraryContentKind>(Kind, out var k) ? k : (LibraryContentKind)(-1);
        if (kind != LibraryContentKind.File || Upload is null)
        {
            return new LibraryContent(kind, null, null, Link, Body);
        }

        if (Upload.Length > LibraryLimits.MaxUploadBytes)
        {
            return new LibraryContent(kind, null, Upload.FileName) { TooLarge = true };
        }

        await using var stream = Upload.OpenReadStream();
        var bytes = await UploadInspector.ReadLimitedAsync(stream, LibraryLimits.MaxUploadBytes, ct);
        return new LibraryContent(kind, bytes, Upload.FileName) { TooLarge = bytes is null };
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (me.TenantId is null)
        {
            // The platform administrator has no tenant to put a document in; they use the API with a tenantId.
            return false;
        }

        Estates = await OverseenEstates.ForAsync(db, me, ct) is { Count: > 0 } own ? own : await AllEstatesAsync(ct);
        if (DocumentId is { } id)
        {
            ExistingTitle = (await mediator.Send(new GetLibraryDocument(id), ct)).Value is { CanEdit: true } d ? d.Title : null;
            return ExistingTitle is not null;
        }

        return true;
    }

    private async Task<IReadOnlyList<(Guid, string)>> AllEstatesAsync(CancellationToken ct)
        => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }), ct))
            .Select(e => (e.Id, e.Name)).ToList();
}
