using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>Registers an organisation in the caller's tenant: a business (KvK and branch number), a department, an association or a partner.</summary>
public sealed record CreateOrganisation(
    OrganisationKind Kind,
    string Name,
    string? KvkNumber,
    string? BranchNumber,
    string? SbiCode,
    string? Activity,
    Department? Department,
    PartnerKind? PartnerKind,
    Guid? EstateId,
    string? Email,
    string? Phone) : ICommand<Result<OrganisationCreated>>;

public sealed record OrganisationCreated(Guid Id, OrganisationKind Kind, string Name);

internal sealed class CreateOrganisationValidator : AbstractValidator<CreateOrganisation>
{
    public CreateOrganisationValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.KvkNumber).KvkNumber();
        RuleFor(c => c.BranchNumber).BranchNumber();
        When(c => c.Kind == OrganisationKind.Business, () =>
        {
            RuleFor(c => c.KvkNumber).NotEmpty().WithMessage("A business needs its KvK number.");
            RuleFor(c => c.BranchNumber).NotEmpty().WithMessage("A business needs its branch number (vestigingsnummer).");
        });
        When(c => c.Kind == OrganisationKind.MunicipalDepartment, () => RuleFor(c => c.Department).NotNull().IsInEnum());
        When(c => c.Kind == OrganisationKind.Partner, () => RuleFor(c => c.PartnerKind).NotNull().IsInEnum());
        When(c => c.Kind == OrganisationKind.Association, () => RuleFor(c => c.EstateId).NotNull());
        RuleFor(c => c.SbiCode).MaximumLength(10);
        RuleFor(c => c.Activity).MaximumLength(200);
        RuleFor(c => c.Email).EmailAddress().MaximumLength(254);
        RuleFor(c => c.Phone).MaximumLength(40);
    }
}

internal sealed class CreateOrganisationHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateOrganisation, Result<OrganisationCreated>>
{
    public async ValueTask<Result<OrganisationCreated>> Handle(CreateOrganisation cmd, CancellationToken ct)
    {
        if (me.TenantId is not { } tenantId)
        {
            return Result<OrganisationCreated>.Forbidden("Organisations belong to a municipality; use the administration pages of one.");
        }

        if (cmd.EstateId is { } estateId && !await db.Estates.AnyAsync(e => e.Id == estateId, ct))
        {
            return Result<OrganisationCreated>.Invalid("estateId", "No such estate in your municipality.");
        }

        var organisation = new Organisation
        {
            TenantId = tenantId,
            Kind = cmd.Kind,
            Name = cmd.Name.Trim(),
            KvkNumber = cmd.KvkNumber,
            BranchNumber = cmd.BranchNumber,
            SbiCode = cmd.SbiCode,
            Activity = cmd.Activity,
            Department = cmd.Department,
            PartnerKind = cmd.PartnerKind,
            EstateId = cmd.EstateId,
            Email = cmd.Email,
            Phone = cmd.Phone,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Organisations.Add(organisation);
        audit.Add("organisation.created", $"organisation:{organisation.Id}");
        await db.SaveChangesAsync(ct);
        return Result<OrganisationCreated>.Created(new OrganisationCreated(organisation.Id, organisation.Kind, organisation.Name));
    }
}
