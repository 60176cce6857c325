using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Sessions;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>
/// The member changes their own name, phone, language and which contact fields others may see. A new phone number
/// needs the current password (ASVS 7.5.1, <see cref="Reauthentication"/>).
/// </summary>
public sealed record UpdateProfile(string DisplayName, string? PhoneNumber, string Culture, bool SharePhone, bool ShareEmail, string? CurrentPassword = null) : ICommand<Result>;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.PhoneNumber).MaximumLength(30).Matches("^[+0-9][0-9 ()-]{5,29}$").When(c => !string.IsNullOrEmpty(c.PhoneNumber))
            .WithMessage("A phone number has digits, spaces, '+', '-' or brackets.");
        RuleFor(c => c.CurrentPassword).MaximumLength(256);
        RuleFor(c => c.Culture).Must(c => c is "nl" or "en").WithMessage("Choose nl or en.");
    }
}

internal sealed class UpdateProfileHandler(PpsDb db, ICurrentMember me, IAuditLog audit, Reauthentication reauthentication) : ICommandHandler<UpdateProfile, Result>
{
    public async ValueTask<Result> Handle(UpdateProfile cmd, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == me.Id && m.ErasedAt == null, ct);
        if (member is null)
        {
            return Result.NotFound();
        }

        var phone = string.IsNullOrWhiteSpace(cmd.PhoneNumber) ? null : cmd.PhoneNumber.Trim();
        var phoneChanged = !string.Equals(phone, member.PhoneNumber, StringComparison.Ordinal);
        if (phoneChanged)
        {
            var outcome = await reauthentication.CheckAsync(member, me.Principal, cmd.CurrentPassword);
            if (outcome != Reauthentication.Outcome.Confirmed)
            {
                await audit.WriteAsync("member.phone-change-refused", $"member:{member.Id}", AuditResult.Failure, detail: outcome.ToString(), ct: ct);
                return Result.Invalid(Reauthentication.Field, reauthentication.Message(outcome));
            }
        }

        member.DisplayName = cmd.DisplayName.Trim();
        member.PhoneNumber = phone;
        member.Culture = cmd.Culture;
        member.SharePhone = cmd.SharePhone;
        member.ShareEmail = cmd.ShareEmail;
        db.Raise(Pps.Web.Features.MemberDirectory.DirectorySourceChanged.Member(member.Id));
        audit.Add("member.profile-updated", $"member:{member.Id}", detail: $"sharePhone={cmd.SharePhone}; shareEmail={cmd.ShareEmail}; culture={cmd.Culture}; phoneChanged={phoneChanged}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
