using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Pages.Account;

namespace Pps.Web.Pages.Profile;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IMediator mediator, PpsDb db, ICurrentMember me, IStringLocalizer<MembersText> text, IStringLocalizer<Features.Sessions.SessionsText> sessionsText, Features.Sessions.Reauthentication reauthentication, TimeProvider clock) : FormPage(text)
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? PhoneNumber { get; set; }

    [BindProperty]
    public string Culture { get; set; } = "nl";

    [BindProperty]
    public bool SharePhone { get; set; }

    /// <summary>Asked only when the phone number changes (ASVS 7.5.1); never echoed back into the form.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public bool ShareEmail { get; set; }

    public string? Email { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public bool HasPassword { get; private set; }

    public int ReauthMinutes => reauthentication.WindowMinutes;

    public DateTimeOffset? ErasureRequestedAt { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await LoadAsync();
        if (member is null)
        {
            return NotFound();
        }

        DisplayName = member.DisplayName;
        PhoneNumber = member.PhoneNumber;
        Culture = member.Culture;
        SharePhone = member.SharePhone;
        ShareEmail = member.ShareEmail;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(new UpdateProfile(DisplayName ?? "", PhoneNumber, Culture, SharePhone, ShareEmail, CurrentPassword), ct);
            if (result.Status == Infrastructure.Web.ResultStatus.Invalid)
            {
                var outcome = reauthentication.OutcomeOf(result.Detail);
                AddError(nameof(CurrentPassword), sessionsText["Reauth_" + outcome, reauthentication.WindowMinutes]);
                await LoadAsync();
                return Page();
            }

            if (!result.IsSuccess)
            {
                return NotFound();
            }

            // The chosen language applies from the next page on.
            Features.Branding.CultureCookie.Append(Response, Culture, clock);
            return RedirectToPage(new { saved = true });
        }
        catch (ValidationException ex)
        {
            AddErrors(ex);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new RequestErasure(), ct);
        return result.IsSuccess ? RedirectToPage(new { erasure = true }) : NotFound();
    }

    private async Task<Member?> LoadAsync()
    {
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == me.Id && m.ErasedAt == null);
        if (member is not null)
        {
            Email = member.Email;
            TwoFactorEnabled = member.TwoFactorEnabled;
            HasPassword = member.PasswordHash is not null;
            ErasureRequestedAt = member.ErasureRequestedAt;
        }

        Message = Request.Query.ContainsKey("saved") ? Text["ProfileSaved"].Value : Request.Query.ContainsKey("erasure") ? Text["ErasureRequested"].Value : null;
        return member;
    }
}
