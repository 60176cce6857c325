using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>Adds a municipality to the platform. Platform administrator only.</summary>
public sealed record CreateTenant(string Name, string Slug) : ICommand<Result<TenantSummary>>;

internal sealed class CreateTenantValidator : AbstractValidator<CreateTenant>
{
    public CreateTenantValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Slug).NotEmpty().MaximumLength(60)
            .Matches(AdminScope.Slug()).WithMessage("A slug is lower-case letters, digits and single hyphens, e.g. pijnacker-nootdorp.");
    }
}

internal sealed class CreateTenantHandler(PpsDb db, ICurrentMember me, ITenantContext tenant, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateTenant, Result<TenantSummary>>
{
    public async ValueTask<Result<TenantSummary>> Handle(CreateTenant cmd, CancellationToken ct)
    {
        if (!me.IsPlatformAdmin())
        {
            return Result<TenantSummary>.Forbidden();
        }

        tenant.UseCrossTenant();
        if (await db.Tenants.AnyAsync(t => t.Slug == cmd.Slug, ct))
        {
            return Result<TenantSummary>.Invalid("slug", "Another municipality already uses this slug.");
        }

        var created = new Tenant { Name = cmd.Name.Trim(), Slug = cmd.Slug, CreatedAt = clock.GetUtcNow() };
        db.Tenants.Add(created);
        audit.AddInTenant(db, created.Id, "tenant.created", $"tenant:{created.Id}", $"slug={created.Slug}");
        await db.SaveChangesAsync(ct);
        return Result<TenantSummary>.Created(new TenantSummary(created.Id, created.Name, created.Slug, 0, 0, created.CreatedAt));
    }
}
