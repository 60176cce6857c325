using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Renames an estate and/or replaces its outline (null keeps the current one). The slug stays: links and
/// calendar feeds use it. Another tenant's estate is not found.
/// </summary>
public sealed record UpdateEstate(Guid Id, string Name, string? Outline) : ICommand<Result<EstateSaved>>;

internal sealed class UpdateEstateValidator : AbstractValidator<UpdateEstate>
{
    public UpdateEstateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Outline).Custom((outline, ctx) =>
        {
            if (outline is not null && EstateOutline.Check(outline).Error is { } error)
            {
                ctx.AddFailure("outline", error);
            }
        });
    }
}

internal sealed class UpdateEstateHandler(PpsDb db, ICurrentMember me, IAuditLog audit)
    : ICommandHandler<UpdateEstate, Result<EstateSaved>>
{
    public async ValueTask<Result<EstateSaved>> Handle(UpdateEstate cmd, CancellationToken ct)
    {
        // The platform administrator has no tenant, so the tenant filter would hide every estate from them.
        var estates = me.IsPlatformAdmin() ? db.Estates.IgnoreQueryFilters() : db.Estates;
        var estate = await estates.SingleOrDefaultAsync(e => e.Id == cmd.Id, ct);
        if (estate is null)
        {
            return Result<EstateSaved>.NotFound();
        }

        var changes = new List<string>();
        if (estate.Name != cmd.Name.Trim())
        {
            estate.Name = cmd.Name.Trim();
            changes.Add("name");
        }

        if (cmd.Outline is not null)
        {
            estate.OutlineGeoJson = EstateOutline.Check(cmd.Outline).Geometry!;
            changes.Add("outline");
        }

        audit.AddInTenant(db, estate.TenantId, "estate.updated", $"estate:{estate.Id}", changes.Count == 0 ? "no change" : "changed=" + string.Join(',', changes));
        await db.SaveChangesAsync(ct);
        return Result<EstateSaved>.Ok(new EstateSaved(estate.Id, estate.TenantId, estate.Name, estate.Slug));
    }
}
