using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>Edits an organisation of the caller's tenant (any tenant for the platform administrator); the same rules as creating one.</summary>
public sealed record UpdateOrganisation(
    Guid Id,
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
    string? Phone) : ICommand<Result<OrganisationDetail>>, IOrganisationFields;

public sealed record OrganisationDetail(
    Guid Id,
    Guid TenantId,
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
    string? Phone)
{
    public static OrganisationDetail From(Organisation o) => new(
        o.Id, o.TenantId, o.Kind, o.Name, o.KvkNumber, o.BranchNumber, o.SbiCode, o.Activity, o.Department, o.PartnerKind, o.EstateId, o.Email, o.Phone);
}

internal sealed class UpdateOrganisationValidator : AbstractValidator<UpdateOrganisation>
{
    public UpdateOrganisationValidator() => Include(new OrganisationFieldsValidator());
}

internal sealed class UpdateOrganisationHandler(PpsDb db, ICurrentMember me, IAuditLog audit)
    : ICommandHandler<UpdateOrganisation, Result<OrganisationDetail>>
{
    public async ValueTask<Result<OrganisationDetail>> Handle(UpdateOrganisation cmd, CancellationToken ct)
    {
        var organisations = me.IsPlatformAdmin() ? db.Organisations.IgnoreQueryFilters() : db.Organisations;
        var organisation = await organisations.SingleOrDefaultAsync(o => o.Id == cmd.Id, ct);
        if (organisation is null)
        {
            return Result<OrganisationDetail>.NotFound();
        }

        if (cmd.EstateId is { } estateId
            && !await db.Estates.IgnoreQueryFilters().AnyAsync(e => e.Id == estateId && e.TenantId == organisation.TenantId, ct))
        {
            return Result<OrganisationDetail>.Invalid("estateId", "No such estate in the organisation's municipality.");
        }

        organisation.Kind = cmd.Kind;
        organisation.Name = cmd.Name.Trim();
        organisation.KvkNumber = NullIfBlank(cmd.KvkNumber);
        organisation.BranchNumber = NullIfBlank(cmd.BranchNumber);
        organisation.SbiCode = NullIfBlank(cmd.SbiCode);
        organisation.Activity = NullIfBlank(cmd.Activity);
        organisation.Department = cmd.Kind == OrganisationKind.MunicipalDepartment ? cmd.Department : null;
        organisation.PartnerKind = cmd.Kind == OrganisationKind.Partner ? cmd.PartnerKind : null;
        organisation.EstateId = cmd.EstateId;
        organisation.Email = NullIfBlank(cmd.Email);
        organisation.Phone = NullIfBlank(cmd.Phone);
        db.Raise(Pps.Web.Features.MemberDirectory.DirectorySourceChanged.Organisations(organisation.Id));
        audit.AddInTenant(db, organisation.TenantId, "organisation.updated", $"organisation:{organisation.Id}");
        await db.SaveChangesAsync(ct);
        return Result<OrganisationDetail>.Ok(OrganisationDetail.From(organisation));
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
