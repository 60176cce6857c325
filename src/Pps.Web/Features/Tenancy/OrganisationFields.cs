using FluentValidation;

namespace Pps.Web.Features.Tenancy;

/// <summary>What creating and editing an organisation have in common, so both check the same rules.</summary>
public interface IOrganisationFields
{
    OrganisationKind Kind { get; }

    string Name { get; }

    string? KvkNumber { get; }

    string? BranchNumber { get; }

    string? SbiCode { get; }

    string? Activity { get; }

    Department? Department { get; }

    PartnerKind? PartnerKind { get; }

    Guid? EstateId { get; }

    string? Email { get; }

    string? Phone { get; }
}

internal sealed class OrganisationFieldsValidator : AbstractValidator<IOrganisationFields>
{
    public OrganisationFieldsValidator()
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
