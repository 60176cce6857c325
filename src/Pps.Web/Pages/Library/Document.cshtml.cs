using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Web;
using Pps.Web.Pages.Admin;

namespace Pps.Web.Pages.Library;

[Authorize(Policy = AwarenessModule.ReaderPolicy)]
public sealed class DocumentModel(IMediator mediator) : PageModel
{
    public LibraryDocumentDetail? Document { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, int version, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new ConfirmRead(id, version), ct);
            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            if (!Errors.Add(result))
            {
                return RedirectToPage(new { id });
            }
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new DeleteLibraryDocument(id), ct);
        return result.IsSuccess ? Redirect("/Library") : result.Status == ResultStatus.Forbidden ? Forbid() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Document = (await mediator.Send(new GetLibraryDocument(id), ct)).Value;
        return Document is not null;
    }
}
