using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>
/// A new entrepreneur registers in a municipality (tenant), optionally on an estate, and receives an e-mail
/// confirmation link. They start as <see cref="VettingLevel.Registered"/>; vetting happens elsewhere.
/// </summary>
public sealed record RegisterMember(
    string Email,
    string Password,
    string DisplayName,
    Guid TenantId,
    Guid? EstateId = null,
    string? KvkNumber = null,
    string? BranchNumber = null) : ICommand<Result<RegistrationAccepted>>;

/// <summary>The same answer whether or not the address already had an account, so registration reveals no accounts.</summary>
public sealed record RegistrationAccepted(string Email, string Status = "confirmation-sent");

internal sealed class RegisterMemberValidator : AbstractValidator<RegisterMember>
{
    public RegisterMemberValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(c => c.Password).NotEmpty().MinimumLength(10).MaximumLength(200);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.TenantId).NotEmpty().WithMessage("Choose your municipality.");
        RuleFor(c => c.KvkNumber).KvkNumber();
        RuleFor(c => c.BranchNumber).BranchNumber();
    }
}

internal sealed class RegisterMemberHandler(
    PpsDb db,
    ITenantContext tenant,
    UserManager<Member> users,
    IEmailQueue mail,
    IAuditLog audit,
    TimeProvider clock,
    IOptions<PpsOptions> options,
    IStringLocalizer<MembersText> t) : ICommandHandler<RegisterMember, Result<RegistrationAccepted>>
{
    public async ValueTask<Result<RegistrationAccepted>> Handle(RegisterMember cmd, CancellationToken ct)
    {
        if (!await db.Tenants.AnyAsync(x => x.Id == cmd.TenantId, ct))
        {
            return Result<RegistrationAccepted>.Invalid("tenantId", "No such municipality.");
        }

        // From here on this request acts inside the chosen municipality, so estates of others are invisible.
        tenant.Use(cmd.TenantId);
        if (cmd.EstateId is { } estateId && !await db.Estates.AnyAsync(e => e.Id == estateId, ct))
        {
            return Result<RegistrationAccepted>.Invalid("estateId", "No such estate in this municipality.");
        }

        var email = cmd.Email.Trim();
        var accepted = Result<RegistrationAccepted>.Ok(new RegistrationAccepted(email));
        var existing = await users.Users.IgnoreQueryFilters().AnyAsync(m => m.NormalizedEmail == users.NormalizeEmail(email), ct);
        if (existing)
        {
            // Tell the owner of the address, not the caller: the answer is the same as for a new account.
            await mail.QueueAsync(new EmailMessage(email, t["MailExistingSubject"], t["MailExistingText", Link("/Account/ForgotPassword")]), ct);
            await audit.WriteForAsync(null, email, cmd.TenantId, "auth.registered", null, AuditResult.Failure, "address already registered", ct);
            return accepted;
        }

        var now = clock.GetUtcNow();
        var member = new Member
        {
            UserName = email,
            Email = email,
            DisplayName = cmd.DisplayName.Trim(),
            TenantId = cmd.TenantId,
            VettingLevel = VettingLevel.Registered,
            Culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl",
            CreatedAt = now,
            StatedKvkNumber = string.IsNullOrEmpty(cmd.KvkNumber) ? null : cmd.KvkNumber,
            StatedBranchNumber = string.IsNullOrEmpty(cmd.BranchNumber) ? null : cmd.BranchNumber,
        };

        // The member, role, mail and audit entry are stored together or not at all.
        await using var tx = await db.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(member, cmd.Password);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Result<RegistrationAccepted>.Invalid(ToErrors(created));
        }

        if (cmd.EstateId is { } estate)
        {
            db.RoleAssignments.Add(new RoleAssignment { TenantId = cmd.TenantId, MemberId = member.Id, Role = Roles.Entrepreneur, EstateId = estate, AssignedAt = now });
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(member);
        var link = Link($"/Account/ConfirmEmail?userId={member.Id}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}");
        await mail.QueueAsync(new EmailMessage(email, t["MailConfirmSubject"], t["MailConfirmText", member.DisplayName, link], TenantId: cmd.TenantId), ct);
        db.AuditEntries.Add(new AuditEntry
        {
            ActorId = member.Id, Actor = email, TenantId = cmd.TenantId, Action = "auth.registered", Object = $"member:{member.Id}",
            Result = AuditResult.Success, At = now, Detail = cmd.EstateId is { } e ? $"estate:{e}" : null,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return accepted;
    }

    private string Link(string pathAndQuery) => options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>Identity's errors (password rules, user name) as field errors; duplicates were handled before.</summary>
    internal static Dictionary<string, string[]> ToErrors(IdentityResult result)
        => result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
