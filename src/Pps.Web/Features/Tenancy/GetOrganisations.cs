using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>
/// Organisations of the caller's tenant, filtered by kind and searched by name or KvK number, a page at a time.
/// The platform administrator names the tenant.
/// </summary>
public sealed record GetOrganisations(Guid? TenantId, string? Kind, string? Q, int Page = 1, int PageSize = GetOrganisations.DefaultPageSize)
    : IQuery<Result<OrganisationPage>>
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public OrganisationKind? ParsedKind => Enum.TryParse<OrganisationKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(Kind, out _) ? k : null;
}

public sealed record OrganisationPage(IReadOnlyList<OrganisationDetail> Items, int Page, int PageSize, int Total);

internal sealed class GetOrganisationsValidator : AbstractValidator<GetOrganisations>
{
    public GetOrganisationsValidator()
    {
        RuleFor(q => q.Kind).Must((q, kind) => string.IsNullOrEmpty(kind) || q.ParsedKind is not null)
            .WithMessage("Kind is one of business, municipalDepartment, association, partner.");
        RuleFor(q => q.Q).MaximumLength(AdminScope.MaxSearch);
        RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetOrganisations.MaxPageSize);
    }
}

internal sealed class GetOrganisationsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetOrganisations, Result<OrganisationPage>>
{
    public async ValueTask<Result<OrganisationPage>> Handle(GetOrganisations query, CancellationToken ct)
    {
        IQueryable<Organisation> organisations;
        if (me.IsPlatformAdmin())
        {
            if (query.TenantId is not { } chosen)
            {
                return Result<OrganisationPage>.Invalid("tenantId", "Choose a municipality.");
            }

            organisations = db.Organisations.IgnoreQueryFilters().Where(o => o.TenantId == chosen);
        }
        else if (me.TenantId is { } own)
        {
            organisations = db.Organisations.Where(o => o.TenantId == own);
        }
        else
        {
            return Result<OrganisationPage>.Forbidden();
        }

        if (query.ParsedKind is { } kind)
        {
            organisations = organisations.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLower();
            organisations = organisations.Where(o => o.Name.ToLower().Contains(q) || (o.KvkNumber != null && o.KvkNumber.StartsWith(q)));
        }

        var total = await organisations.CountAsync(ct);
        var items = await organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(ct);
        return Result<OrganisationPage>.Ok(new OrganisationPage(items.Select(OrganisationDetail.From).ToList(), query.Page, query.PageSize, total));
    }
}

/// <summary>One organisation, for the edit form.</summary>
public sealed record GetOrganisation(Guid Id) : IQuery<Result<OrganisationDetail>>;

internal sealed class GetOrganisationHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetOrganisation, Result<OrganisationDetail>>
{
    public async ValueTask<Result<OrganisationDetail>> Handle(GetOrganisation query, CancellationToken ct)
    {
        var organisations = me.IsPlatformAdmin() ? db.Organisations.IgnoreQueryFilters() : db.Organisations;
        var organisation = await organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id, ct);
        return organisation is null ? Result<OrganisationDetail>.NotFound() : Result<OrganisationDetail>.Ok(OrganisationDetail.From(organisation));
    }
}
