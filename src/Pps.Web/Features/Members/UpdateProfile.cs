using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>The member changes their own name, phone, language and which contact fields others may see.</summary>
public sealed record UpdateProfile(string DisplayName, string? PhoneNumber, string Culture, bool SharePhone, bool ShareEmail) : ICommand<Result>;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.PhoneNumber).MaximumLength(30).Matches("^[+0-9][0-9 ()-]{5,29}$").When(c => !string.IsNullOrEmpty(c.PhoneNumber))
            .WithMessage("A phone number has digits, spaces, '+', '-' or brackets.");
        RuleFor(c => c.Culture).Must(c => c is "nl" or "en").WithMessage("Choose nl or en.");
    }
}

internal sealed class UpdateProfileHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : ICommandHandler<UpdateProfile, Result>
{
    public async ValueTask<Result> Handle(UpdateProfile cmd, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == me.Id && m.ErasedAt == null, ct);
        if (member is null)
        {
            return Result.NotFound();
        }

        member.DisplayName = cmd.DisplayName.Trim();
        member.PhoneNumber = string.IsNullOrWhiteSpace(cmd.PhoneNumber) ? null : cmd.PhoneNumber.Trim();
        member.Culture = cmd.Culture;
        member.SharePhone = cmd.SharePhone;
        member.ShareEmail = cmd.ShareEmail;
        db.Raise(Pps.Web.Features.MemberDirectory.DirectorySourceChanged.Member(member.Id));
        audit.Add("member.profile-updated", $"member:{member.Id}", detail: $"sharePhone={cmd.SharePhone}; shareEmail={cmd.ShareEmail}; culture={cmd.Culture}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
