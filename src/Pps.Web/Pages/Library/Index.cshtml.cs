using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pps.Web.Features.Awareness;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Pages.Admin;

namespace Pps.Web.Pages.Library;

[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(IMediator mediator, ICurrentMember me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    public IReadOnlyList<LibraryDocumentSummary> Documents { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public bool CanEdit => LibraryAccess.IsEditor(me);

    public static readonly string[] Languages = ["nl", "en"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        LibraryCategory? category = null;
        if (!string.IsNullOrEmpty(Category))
        {
            if (!LibraryForm.TryEnum<LibraryCategory>(Category, out var parsed))
            {
                Errors.Add("category", "Unknown category.");
                return;
            }

            category = parsed;
        }

        try
        {
            Documents = (await mediator.Send(new SearchLibrary(Q, category, string.IsNullOrEmpty(Language) ? null : Language), ct)).Value ?? [];
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }
    }
}
