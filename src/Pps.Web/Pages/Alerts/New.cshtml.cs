using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Alerts;

/// <summary>The post form; it offers only the estates and roles the member may alert.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class NewModel(IMediator mediator, ICurrentMember me, PpsDb db) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string Severity { get; set; } = "info";

    [BindProperty]
    public List<Guid> EstateIds { get; set; } = [];

    [BindProperty]
    public List<string> TargetRoles { get; set; } = [];

    [BindProperty]
    public bool WholeTenant { get; set; }

    [BindProperty]
    public bool RequiresAcknowledgement { get; set; }

    [BindProperty]
    public DateTime? ExpiresAt { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Estates { get; private set; } = [];

    public bool IsStaff => me.IsAlertStaff();

    public IReadOnlyList<string> Roles => AlertAccess.TargetRoles;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.MayPost())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.MayPost())
        {
            return Forbid();
        }

        // Model binding of a malformed date or severity: report it on the form, never a 500.
        ModelState.Clear();
        var cmd = new PostAlert(Title, Body, Severity, EstateIds, IsStaff ? TargetRoles : [], IsStaff && WholeTenant, RequiresAcknowledgement,
            ExpiresAt is { } local ? AlertTime.FromLocal(local) : null);
        try
        {
            var result = await mediator.Send(cmd, ct);
            if (result.Value is { } posted)
            {
                TempData["AlertPosted"] = "1";
                return Redirect($"/Alerts/{posted.Id}");
            }

            foreach (var (field, messages) in result.Errors ?? new Dictionary<string, string[]>())
            {
                foreach (var m in messages)
                {
                    ModelState.AddModelError(Field(field), m);
                }
            }

            if (result.Errors is null)
            {
                return Forbid();
            }
        }
        catch (ValidationException v)
        {
            foreach (var e in v.Errors)
            {
                ModelState.AddModelError(Field(e.PropertyName), e.ErrorMessage);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private static string Field(string name) => name.ToLowerInvariant() switch
    {
        "roles" => nameof(TargetRoles),
        "estateids" => nameof(EstateIds),
        _ => char.ToUpperInvariant(name[0]) + name[1..],
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var estates = await db.Estates.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var allowed = IsStaff ? estates : estates.Where(e => me.BoardEstates().Contains(e.Id)).ToList();
        Estates = allowed.Select(e => (e.Id, e.Name)).ToArray();
    }
}
