using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Admin.Estates;

/// <summary>Adds an estate (no id) or edits one; the outline comes pasted or as an uploaded GeoJSON file.</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = MaxRequestBytes)]
public sealed class EditModel(IMediator mediator, ICurrentMember me) : PageModel
{
    // Room for the outline twice (pasted and as a file) plus the other fields; the use case enforces the real limit.
    private const int MaxRequestBytes = (2 * EstateOutline.MaxBytes) + (64 * 1024);

    public bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Outline { get; set; }

    [BindProperty]
    public IFormFile? OutlineFile { get; set; }

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var estate = await mediator.Send(new GetAdminEstate(id), ct);
            if (estate.Value is not { } e)
            {
                return NotFound();
            }

            (Name, Slug, Outline, TenantId) = (e.Name, e.Slug, e.OutlineGeoJson, e.TenantId);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outline = string.IsNullOrWhiteSpace(Outline) ? null : Outline;
        if (OutlineFile is { Length: > 0 } file)
        {
            if (file.Length > EstateOutline.MaxBytes)
            {
                Errors.Add("outline", $"The file is larger than {EstateOutline.MaxBytes / 1024} KB.");
                await LoadAsync(ct);
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            outline = await reader.ReadToEndAsync(ct);
        }

        try
        {
            Result result = Id is { } id
                ? await mediator.Send(new UpdateEstate(id, Name ?? "", outline), ct)
                : await mediator.Send(new CreateEstate(IsPlatformAdmin ? TenantId : null, Name ?? "", (Slug ?? "").Trim(), outline), ct);
            if (result.IsSuccess)
            {
                return RedirectToPage("Index", new { saved = true });
            }

            if (result.Status == ResultStatus.NotFound)
            {
                return NotFound();
            }

            if (!Errors.Add(result))
            {
                return Forbid();
            }
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        Outline = outline;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (IsPlatformAdmin && Id is null)
        {
            Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
        }
    }
}
