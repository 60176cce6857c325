using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Pages.Account;

[EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class RegisterModel(IMediator mediator, PpsDb db, IStringLocalizer<MembersText> text) : FormPage(text)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public Guid? EstateId { get; set; }

    [BindProperty]
    public string? KvkNumber { get; set; }

    [BindProperty]
    public string? BranchNumber { get; set; }

    public bool Done { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Tenants { get; private set; } = [];

    /// <summary>Estates grouped by municipality; registration is public, so only names are shown.</summary>
    public IReadOnlyList<(Guid Id, string Name, string Tenant)> Estates { get; private set; } = [];

    public async Task OnGetAsync() => await LoadListsAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        {
            try
            {
                var result = await mediator.Send(
                    new RegisterMember(Email ?? "", Password ?? "", DisplayName ?? "", TenantId ?? Guid.Empty, EstateId,
                        string.IsNullOrWhiteSpace(KvkNumber) ? null : KvkNumber.Trim(), string.IsNullOrWhiteSpace(BranchNumber) ? null : BranchNumber.Trim()),
                    ct);
                if (result.IsSuccess)
                {
                    Done = true;
                    return Page();
                }

                AddErrors(result.Errors);
            }
            catch (ValidationException ex)
            {
                AddErrors(ex);
            }
        }

        await LoadListsAsync();
        return Page();
    }

    private async Task LoadListsAsync()
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync();
        Tenants = tenants.Select(t => (t.Id, t.Name)).ToList();
        var names = tenants.ToDictionary(t => t.Id, t => t.Name);
        var estates = await db.Estates.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.TenantId }).ToListAsync();
        Estates = estates.Where(e => names.ContainsKey(e.TenantId)).Select(e => (e.Id, e.Name, names[e.TenantId])).OrderBy(e => e.Item3).ThenBy(e => e.Name).ToList();
    }
}
