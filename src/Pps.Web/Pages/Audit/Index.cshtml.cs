using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pps.Web.Features.Audit;
using Pps.Web.Pages.Admin;

namespace Pps.Web.Pages.Audit;

/// <summary>The audit log viewer (the /Audit folder requires the AuditReader policy); the same use case as the API.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(Name = "action", SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(Name = "object", SupportsGet = true)]
    public string? Object { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public AuditPage? Result { get; private set; }

    public FormErrors Errors { get; } = new();

    public string ExportLink => Link("/api/audit/export.csv", null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = (await mediator.Send(new GetAuditLog(new AuditFilter(Actor, Action, Object, From, To), PageNumber), ct)).Value;
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }
    }

    public string PageLink(int page) => Link("/Audit", page);

    private string Link(string path, int? page)
    {
        var query = new Dictionary<string, string?>();
        foreach (var (key, value) in new[] { ("actor", Actor), ("action", Action), ("object", Object), ("from", From), ("to", To) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query[key] = value;
            }
        }

        if (page is { } p)
        {
            query["page"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(path, query);
    }
}
