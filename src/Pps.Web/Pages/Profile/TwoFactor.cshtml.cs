using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Features.TwoFactorPolicy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Pages.Account;
using QRCoder;

namespace Pps.Web.Pages.Profile;

/// <summary>Two-factor log-in with an authenticator app (TOTP): enable with a verified code, recovery codes, disable.</summary>
/// <remarks>
/// A member who must enrol (the tenant's requirement, <see cref="TwoFactorEnrolment"/>) is sent here from every other
/// page; this page says why, and refuses to turn two-factor log-in off while it is required.
/// </remarks>
[Authorize(Policy = Policies.SignedIn)]
[AllowDuringTwoFactorEnrolment]
public sealed class TwoFactorModel(
    UserManager<Member> users,
    SignInManager<Member> signIn,
    IUserStore<Member> keys,
    IAuditLog audit,
    TwoFactorEnrolment enrolment,
    TimeProvider clock,
    IStringLocalizer<MembersText> text,
    IStringLocalizer<TwoFactorPolicyText> policyText) : FormPage(text)
{
    private const string Issuer = "PPS Hub";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Enabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>The QR code of <see cref="AuthenticatorUri"/> as a PNG data URI (the CSP allows <c>data:</c> images).</summary>
    public string? QrCodeDataUri { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>What the requirement asks of this member (whether they have enrolled or not).</summary>
    public TwoFactorDemand Demand { get; private set; } = TwoFactorDemand.None;

    /// <summary>The member's other pages are closed until they enrol.</summary>
    public bool Blocked { get; private set; }

    /// <summary>Shown in the grace period: the date by which to enrol.</summary>
    public string? EnrolBy { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return NotFound();
        }

        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return NotFound();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(member, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            AddError(nameof(Code));
            await LoadAsync(member);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(member, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, 10))?.ToList() ?? [];
        await audit.WriteAsync("auth.2fa-enabled", $"member:{member.Id}", detail: "page");
        await signIn.RefreshSignInAsync(member);
        Message = Text["TwoFactorEnabledMessage"];
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null || !member.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, 10))?.ToList() ?? [];
        await audit.WriteAsync("auth.recovery-codes-generated", $"member:{member.Id}", detail: "page");
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return NotFound();
        }

        // Required of this member: no turning it off (the form is not shown either; this is the server's word).
        if ((await enrolment.DemandAsync(User, HttpContext.RequestAborted)).Applies)
        {
            AddError(nameof(Password), policyText["CannotDisable"]);
            await LoadAsync(member);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Turning a safeguard off asks for the password, so an unattended session cannot do it.
        if (string.IsNullOrEmpty(Password) || Password.Length > 200 || !await users.CheckPasswordAsync(member, Password))
        {
            AddError(nameof(Password), Text["Error_CurrentPassword"]);
            await LoadAsync(member);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(member, 0);
        await audit.WriteAsync("auth.2fa-disabled", $"member:{member.Id}", detail: "page");
        await signIn.RefreshSignInAsync(member);
        Message = Text["TwoFactorDisabledMessage"];
        await LoadAsync(member);
        return Page();
    }

    private async Task LoadAsync(Member member)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(member);
        Demand = await enrolment.DemandAsync(User, HttpContext.RequestAborted);
        var now = clock.GetUtcNow();
        // After enabling, this request still carries the old sign-in; the renewed cookie counts from the next request.
        Blocked = !Enabled && Demand.BlocksAt(now);
        EnrolBy = !Enabled && Demand.RemindsAt(now) ? TwoFactorReminderCard.LocalDate(Demand.EnrolBy!.Value) : null;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(member);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(member);
        if (string.IsNullOrEmpty(key))
        {
            // The first key only prepares 2FA (it is off until a code is confirmed): it is stored without rotating the
            // security stamp, which would end every session of the member — this browser's and the others' — for merely
            // opening this page. Turning 2FA on or off still rotates the stamp.
            await ((IUserAuthenticatorKeyStore<Member>)keys).SetAuthenticatorKeyAsync(member, users.GenerateNewAuthenticatorKey(), HttpContext.RequestAborted);
            await users.UpdateAsync(member);
            key = await users.GetAuthenticatorKeyAsync(member);
        }

        SharedKey = key;
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(member.Email ?? "")}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return sb.ToString().TrimEnd().ToLowerInvariant();
    }
}
