using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Adds an estate with its outline (GeoJSON text). The platform administrator names the tenant; an OOV adds
/// estates to their own tenant only.
/// </summary>
public sealed record CreateEstate(Guid? TenantId, string Name, string Slug, string? Outline) : ICommand<Result<EstateSaved>>;

public sealed record EstateSaved(Guid Id, Guid TenantId, string Name, string Slug);

internal sealed class CreateEstateValidator : AbstractValidator<CreateEstate>
{
    public CreateEstateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Slug).NotEmpty().MaximumLength(80)
            .Matches(AdminScope.Slug()).WithMessage("A slug is lower-case letters, digits and single hyphens, e.g. lansinghage.");
        RuleFor(c => c.Outline).Custom((outline, ctx) =>
        {
            if (EstateOutline.Check(outline).Error is { } error)
            {
                ctx.AddFailure("outline", error);
            }
        });
    }
}

internal sealed class CreateEstateHandler(PpsDb db, ICurrentMember me, ITenantContext tenant, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateEstate, Result<EstateSaved>>
{
    public async ValueTask<Result<EstateSaved>> Handle(CreateEstate cmd, CancellationToken ct)
    {
        Guid tenantId;
        if (me.IsPlatformAdmin())
        {
            if (cmd.TenantId is not { } chosen || !await db.Tenants.AnyAsync(t => t.Id == chosen, ct))
            {
                return Result<EstateSaved>.Invalid("tenantId", "Choose the municipality the estate belongs to.");
            }

            tenantId = chosen;
            tenant.Use(tenantId);
        }
        else if (me.TenantId is { } own)
        {
            if (cmd.TenantId is { } other && other != own)
            {
                return Result<EstateSaved>.Invalid("tenantId", "You can add estates to your own municipality only.");
            }

            tenantId = own;
        }
        else
        {
            return Result<EstateSaved>.Forbidden();
        }

        if (await db.Estates.AnyAsync(e => e.TenantId == tenantId && e.Slug == cmd.Slug, ct))
        {
            return Result<EstateSaved>.Invalid("slug", "Another estate of this municipality already uses this slug.");
        }

        var estate = new Estate
        {
            TenantId = tenantId,
            Name = cmd.Name.Trim(),
            Slug = cmd.Slug,
            OutlineGeoJson = EstateOutline.Check(cmd.Outline).Geometry!,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Estates.Add(estate);
        audit.AddInTenant(db, tenantId, "estate.created", $"estate:{estate.Id}", $"slug={estate.Slug}");
        await db.SaveChangesAsync(ct);
        return Result<EstateSaved>.Created(new EstateSaved(estate.Id, estate.TenantId, estate.Name, estate.Slug));
    }
}
