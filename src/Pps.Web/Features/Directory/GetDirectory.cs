using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>The directory the caller may see, optionally of one estate and filtered by a full-text query.</summary>
public sealed record GetDirectory(Guid? EstateId, string? Q, int Page = 1) : IQuery<Result<DirectoryPage>>;

public sealed record DirectoryPage(
    bool MembersVisible,
    IReadOnlyList<DirectoryEstate> Estates,
    IReadOnlyList<DirectoryEntryDto> Entries,
    IReadOnlyList<AssociationContact> Associations,
    int Page,
    bool HasMore);

public sealed record DirectoryEstate(Guid Id, string Name);

public sealed record DirectoryEntryDto(
    Guid MemberId,
    string Person,
    string? Business,
    string? KvkNumber,
    string? SbiCode,
    string? Activity,
    string? Unit,
    Guid EstateId,
    string Estate,
    string? Phone,
    string? Email,
    DateTimeOffset? VettedSince);

public sealed record AssociationContact(Guid EstateId, string Estate, string Name, string? Email, string? Phone);

internal sealed class GetDirectoryValidator : AbstractValidator<GetDirectory>
{
    public GetDirectoryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Page).InclusiveBetween(1, 1000);
    }
}

internal sealed class GetDirectoryHandler(PpsDb db, ICurrentMember me, DirectorySearch search) : IQueryHandler<GetDirectory, Result<DirectoryPage>>
{
    public const int PageSize = 50;

    public async ValueTask<Result<DirectoryPage>> Handle(GetDirectory query, CancellationToken ct)
    {
        var scope = await DirectoryScope.ForAsync(db, me, ct);
        var estateIds = scope.Estates;
        if (query.EstateId is { } only)
        {
            if (!estateIds.Contains(only))
            {
                return Result<DirectoryPage>.NotFound();
            }

            estateIds = [only];
        }

        var estates = await db.Estates.AsNoTracking().Where(e => scope.Estates.Contains(e.Id)).OrderBy(e => e.Name)
            .Select(e => new DirectoryEstate(e.Id, e.Name)).ToListAsync(ct);
        var names = estates.ToDictionary(e => e.Id, e => e.Name);
        var associations = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Association && o.EstateId != null && estateIds.Contains(o.EstateId.Value))
            .OrderBy(o => o.Name).ToListAsync(ct);
        var contacts = associations.Select(o => new AssociationContact(o.EstateId!.Value, names.GetValueOrDefault(o.EstateId.Value, ""), o.Name, o.Email, o.Phone)).ToList();
        if (!scope.MembersVisible)
        {
            return Result<DirectoryPage>.Ok(new DirectoryPage(false, estates, [], contacts, 1, false));
        }

        var listed = DirectoryScope.Listed(db, estateIds).AsNoTracking();
        var skip = (query.Page - 1) * PageSize;
        List<Members.Member> members;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // The page is cut inside the full-text query, with visibility joined in, so a common word never loads every match.
            var ids = await search.SearchAsync(query.Q, listed.Select(m => m.Id), skip, PageSize + 1, ct);
            var found = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
            members = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        }
        else
        {
            members = await listed.OrderBy(m => m.DisplayName).ThenBy(m => m.Id).Skip(skip).Take(PageSize + 1).ToListAsync(ct);
        }

        var page = members.Take(PageSize).ToList();
        var estateOf = await DirectoryScope.EstateOfAsync(db, page.Select(m => m.Id).ToList(), estateIds, ct);
        var entries = await DirectoryEntries.BuildAsync(db, page.Select(m => (m, estateOf[m.Id])).ToList(), names, ct);
        return Result<DirectoryPage>.Ok(new DirectoryPage(true, estates, entries, contacts, query.Page, members.Count > PageSize));
    }
}

internal static class DirectoryEntries
{
    public static async Task<IReadOnlyList<DirectoryEntryDto>> BuildAsync(PpsDb db, IReadOnlyList<(Members.Member Member, Guid EstateId)> rows, IReadOnlyDictionary<Guid, string> estateNames, CancellationToken ct)
    {
        var memberIds = rows.Select(r => r.Member.Id).ToList();
        var orgIds = rows.Where(r => r.Member.OrganisationId != null).Select(r => r.Member.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var units = (await db.Units.AsNoTracking().Where(u => u.OccupantOrganisationId != null && orgIds.Contains(u.OccupantOrganisationId.Value)).ToListAsync(ct))
            .GroupBy(u => u.OccupantOrganisationId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(u => u.BagId).First());
        var consents = await db.DirectoryConsents.AsNoTracking().Where(c => memberIds.Contains(c.MemberId)).ToDictionaryAsync(c => c.MemberId, ct);
        return rows.Select(r =>
        {
            var m = r.Member;
            var org = m.OrganisationId is { } oid && organisations.TryGetValue(oid, out var o) ? o : null;
            var unit = org is not null && units.TryGetValue(org.Id, out var u) ? u : null;
            var consent = consents.GetValueOrDefault(m.Id);
            return new DirectoryEntryDto(
                m.Id, m.DisplayName, org?.Name, org?.KvkNumber, org?.SbiCode, org?.Activity, unit?.Address,
                r.EstateId, estateNames.GetValueOrDefault(r.EstateId, ""),
                consent?.SharePhone == true ? m.PhoneNumber : null,
                consent?.ShareEmail == true ? m.Email : null,
                m.VettedSince);
        }).ToList();
    }
}
