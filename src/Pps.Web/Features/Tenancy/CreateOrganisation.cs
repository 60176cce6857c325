using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Registers an organisation in the caller's tenant: a business (KvK and branch number), a department, an association
/// or a partner. The platform administrator, who has no tenant, names the tenant in <see cref="TenantId"/>.
/// </summary>
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
    string? Phone,
    Guid? TenantId = null) : ICommand<Result<OrganisationCreated>>, IOrganisationFields;

public sealed record OrganisationCreated(Guid Id, OrganisationKind Kind, string Name);

internal sealed class CreateOrganisationValidator : AbstractValidator<CreateOrganisation>
{
    public CreateOrganisationValidator()
    {
        Include(new OrganisationFieldsValidator());
    }
}

internal sealed class CreateOrganisationHandler(PpsDb db, ICurrentMember me, ITenantContext tenant, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateOrganisation, Result<OrganisationCreated>>
{
    public async ValueTask<Result<OrganisationCreated>> Handle(CreateOrganisation cmd, CancellationToken ct)
    {
        Guid tenantId;
        if (me.IsPlatformAdmin())
        {
            if (cmd.TenantId is not { } chosen || !await db.Tenants.AnyAsync(t => t.Id == chosen, ct))
            {
                return Result<OrganisationCreated>.Invalid("tenantId", "Choose the municipality the organisation belongs to.");
            }

            tenantId = chosen;
            tenant.Use(tenantId);
        }
        else if (me.TenantId is { } own)
        {
            if (cmd.TenantId is { } other && other != own)
            {
                return Result<OrganisationCreated>.Invalid("tenantId", "You can add organisations to your own municipality only.");
            }

            tenantId = own;
        }
        else
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
        audit.AddInTenant(db, tenantId, "organisation.created", $"organisation:{organisation.Id}");
        await db.SaveChangesAsync(ct);
        return Result<OrganisationCreated>.Created(new OrganisationCreated(organisation.Id, organisation.Kind, organisation.Name));
    }
}
