using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Pages.Admin;

/// <summary>Members of a tenant with their roles; assigning and revoking go through the same use cases as the API.</summary>
public sealed class MembersModel(IMediator mediator, ICurrentMember me, IStringLocalizer<TenancyText> text, IStringLocalizer<Features.Sessions.SessionsText> sessionsText) : PageModel
{
    public bool IsPlatformAdmin => me.IsInRole(Roles.PlatformAdmin);

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public Guid? MemberId { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public Guid? EstateId { get; set; }

    [BindProperty]
    public Guid? AssignmentId { get; set; }

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public IReadOnlyList<AdminEstate> Estates { get; private set; } = [];

    public MemberPage? Result { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public IEnumerable<string> AssignableRoles => (IsPlatformAdmin ? [Roles.PlatformAdmin] : Array.Empty<string>())
        .Concat(Roles.TenantRoles).Concat(Roles.EstateRoles);

    public async Task OnGetAsync(string? done = null, CancellationToken ct = default)
    {
        Message = done switch
        {
            "assigned" => text["RoleAssigned"].Value,
            "revoked" => text["RoleRevoked"].Value,
            "sessions-ended" => sessionsText["AdminSessionsEnded"].Value,
            _ => null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        if (MemberId is not { } memberId)
        {
            Errors.Add("memberId", text["NotFound"]);
        }
        else
        {
            try
            {
                var result = await mediator.Send(new AssignRole(memberId, Role ?? "", EstateId), ct);
                if (result.IsSuccess)
                {
                    return RedirectToPage(new { done = "assigned", tenantId = TenantId, q = Q });
                }

                Explain(result, revoking: false);
            }
            catch (ValidationException e)
            {
                Errors.Add(e);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (MemberId is { } memberId && AssignmentId is { } assignmentId)
        {
            var result = await mediator.Send(new RevokeRole(memberId, assignmentId), ct);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { done = "revoked", tenantId = TenantId, q = Q });
            }

            Explain(result, revoking: true);
        }
        else
        {
            Problem = text["NotFound"];
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Ends every session of the member (ASVS 7.4.5), through the same use case as the API.</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync(CancellationToken ct)
    {
        if (MemberId is { } memberId && (await mediator.Send(new Features.Sessions.EndMemberSessions(memberId), ct)).IsSuccess)
        {
            return RedirectToPage(new { done = "sessions-ended", tenantId = TenantId, q = Q });
        }

        Problem = text["NotFound"];
        await LoadAsync(ct);
        return Page();
    }

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (TenantId is { } t)
        {
            query["tenantId"] = t.ToString();
        }

        if (!string.IsNullOrEmpty(Q))
        {
            query["q"] = Q;
        }

        return QueryHelpers.AddQueryString("/Admin/Members", query);
    }

    private void Explain(Result result, bool revoking)
    {
        if (Errors.Add(result))
        {
            return;
        }

        Problem = result.Status switch
        {
            ResultStatus.Conflict => revoking ? text["LastPlatformAdmin"].Value : text["RoleAlreadyHeld"].Value,
            ResultStatus.Forbidden => text["NotAllowed"].Value,
            _ => text["NotFound"].Value,
        };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var tenantId = IsPlatformAdmin ? TenantId : null;
        if (IsPlatformAdmin)
        {
            Tenants = (await mediator.Send(new GetTenants(), ct)).Value ?? [];
        }

        try
        {
            Result = (await mediator.Send(new GetTenantMembers(tenantId, Q, PageNumber), ct)).Value;
        }
        catch (ValidationException e)
        {
            Errors.Add(e);
        }

        Estates = (await mediator.Send(new GetAdminEstates(tenantId), ct)).Value ?? [];
    }
}
