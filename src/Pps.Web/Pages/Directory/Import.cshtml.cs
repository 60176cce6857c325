using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.MemberDirectory;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.MemberDirectory;

/// <summary>
/// EZ or OOV imports units and businesses from CSV: the file is previewed line by line first; the confirmation posts
/// the same text back and stores every row in one transaction or none. Works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ImportModel(IMediator mediator, ICurrentMember me, IStringLocalizer<DirectoryText> text) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;

    [BindProperty]
    public string? Csv { get; set; }

    public ImportReport? Report { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    private bool MayImport => DirectoryManagementAccess.MayImport(me);

    /// <summary>OOV imports but does not register occupants: the units page is offered only to those who may.</summary>
    public bool Governs => DirectoryManagementAccess.Governs(me);

    public IActionResult OnGet() => MayImport ? Page() : StatusCode(StatusCodes.Status403Forbidden);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (!MayImport)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (file is null || file.Length == 0 || file.Length > MaxBytes)
        {
            Error = text["ImportFileInvalid", MaxBytes / 1024 / 1024];
            return Page();
        }

        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            Csv = await reader.ReadToEndAsync(ct);
        }

        return await RunAsync(preview: true, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!MayImport)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrEmpty(Csv) || Csv.Length > MaxBytes)
        {
            Error = text["ImportFileInvalid", MaxBytes / 1024 / 1024];
            return Page();
        }

        return await RunAsync(preview: false, ct);
    }

    private async Task<IActionResult> RunAsync(bool preview, CancellationToken ct)
    {
        var result = await mediator.Send(new ImportUnits(Csv!, preview), ct);
        if (result.Value is { } report)
        {
            if (preview)
            {
                Report = report;
            }
            else
            {
                Message = text["ImportDone", report.Units, report.Businesses];
                Csv = null;
            }
        }
        else if (result.Status == ResultStatus.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        else
        {
            // A confirmed file that no longer passes (someone imported a unit meanwhile): nothing was stored.
            Error = text["ImportFailed", string.Join(" ", result.Errors?.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}") ?? [result.Detail ?? ""])];
        }

        return Page();
    }
}
