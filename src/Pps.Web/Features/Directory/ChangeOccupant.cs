using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Email;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// A board member of the unit's estate or EZ registers a new occupant (a business branch) or marks the unit vacant.
/// The new occupant's contact address gets an invitation to onboard.
/// </summary>
public sealed record ChangeOccupant(
    Guid UnitId,
    bool Vacant,
    string? BusinessName,
    string? KvkNumber,
    string? BranchNumber,
    string? SbiCode,
    string? Activity,
    string? ContactEmail) : ICommand<Result<OccupantChanged>>;

public sealed record OccupantChanged(Guid UnitId, Guid? OccupantOrganisationId, bool Invited);

internal sealed class ChangeOccupantValidator : AbstractValidator<ChangeOccupant>
{
    public ChangeOccupantValidator()
    {
        When(c => !c.Vacant, () =>
        {
            RuleFor(c => c.BusinessName).NotEmpty().MaximumLength(200);
            RuleFor(c => c.KvkNumber).NotEmpty().KvkNumber();
            RuleFor(c => c.BranchNumber).NotEmpty().BranchNumber();
        });
        RuleFor(c => c.SbiCode).MaximumLength(10);
        RuleFor(c => c.Activity).MaximumLength(200);
        RuleFor(c => c.ContactEmail).EmailAddress().MaximumLength(254);
    }
}

internal sealed class ChangeOccupantHandler(PpsDb db, ICurrentMember me, IAuditLog audit, IEmailQueue email, IOptions<PpsOptions> options, TimeProvider clock)
    : ICommandHandler<ChangeOccupant, Result<OccupantChanged>>
{
    public async ValueTask<Result<OccupantChanged>> Handle(ChangeOccupant cmd, CancellationToken ct)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == cmd.UnitId, ct);
        if (unit is null || !(me.IsInRole(Roles.Ez) || me.HasEstateRole(Roles.Board, unit.EstateId)))
        {
            return Result<OccupantChanged>.NotFound();
        }

        Organisation? business = null;
        if (!cmd.Vacant)
        {
            business = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Business && o.BranchNumber == cmd.BranchNumber, ct);
            if (business is not null && business.KvkNumber != cmd.KvkNumber)
            {
                return Result<OccupantChanged>.Invalid("kvkNumber", "This branch number is registered under another KvK number.");
            }

            if (business is null)
            {
                business = new Organisation
                {
                    TenantId = unit.TenantId, Kind = OrganisationKind.Business, Name = cmd.BusinessName!.Trim(), KvkNumber = cmd.KvkNumber, BranchNumber = cmd.BranchNumber,
                    SbiCode = cmd.SbiCode, Activity = cmd.Activity, Email = cmd.ContactEmail, CreatedAt = clock.GetUtcNow(),
                };
                db.Organisations.Add(business);
            }
        }

        var previous = unit.OccupantOrganisationId;
        unit.OccupantOrganisationId = business?.Id;
        // The address moves from the previous occupant's entry to the new one's.
        db.Raise(DirectorySourceChanged.Organisations([.. new[] { previous, business?.Id }.OfType<Guid>()]));
        audit.Add("unit.occupant-changed", $"unit:{unit.Id}", detail: $"from={previous?.ToString() ?? "vacant"}; to={business?.Id.ToString() ?? "vacant"}");
        var invited = false;
        if (business is not null && cmd.ContactEmail is { Length: > 0 } to)
        {
            var link = options.Value.PublicBaseUrl.TrimEnd('/') + "/Onboarding";
            invited = await email.QueueAsync(new EmailMessage(
                to,
                "Uitnodiging voor de PPS Hub / Invitation to the PPS Hub",
                $"{business.Name} is geregistreerd als gebruiker van {unit.Address}. Meld u aan bij de PPS Hub van uw bedrijventerrein: {link}\n\n"
                + $"{business.Name} has been registered as the occupant of {unit.Address}. Join your business park's PPS Hub: {link}",
                Purpose: $"occupant-invitation:{unit.Id}:{business.Id}",
                TenantId: unit.TenantId), ct);
        }

        await db.SaveChangesAsync(ct);
        return Result<OccupantChanged>.Ok(new OccupantChanged(unit.Id, business?.Id, invited));
    }
}
