using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>Per estate: who has confirmed which version of their must-reads. For the estate's board and EZ.</summary>
public sealed record GetConfirmations(Guid EstateId) : IQuery<Result<EstateConfirmations>>;

public sealed record EstateConfirmations(Guid EstateId, string EstateName, IReadOnlyList<MustReadDocumentColumn> Documents, IReadOnlyList<MemberConfirmations> Members);

public sealed record MustReadDocumentColumn(Guid Id, string Title, int CurrentVersion);

public sealed record MemberConfirmations(Guid MemberId, string Name, IReadOnlyList<MustReadItem> Items);

internal sealed class GetConfirmationsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetConfirmations, Result<EstateConfirmations>>
{
    public async ValueTask<Result<EstateConfirmations>> Handle(GetConfirmations query, CancellationToken ct)
    {
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == query.EstateId, ct);
        if (estate is null || !EstateOversight.MayOversee(me, estate.Id))
        {
            return Result<EstateConfirmations>.NotFound();
        }

        var members = await EstateOversight.MembersOfAsync(db, estate.Id, ct);
        var roles = await LibraryAccess.RolesOfAsync(db, members.Select(m => m.Id).ToArray(), ct);
        var mustReads = await MustReads.ForAsync(db, roles.Values.ToArray(), ct);
        var columns = mustReads.Values.SelectMany(i => i).GroupBy(i => i.DocumentId)
            .Select(g => new MustReadDocumentColumn(g.Key, g.First().Title, g.First().CurrentVersion))
            .OrderBy(c => c.Title, StringComparer.CurrentCulture).ToList();
        return Result<EstateConfirmations>.Ok(new EstateConfirmations(
            estate.Id, estate.Name, columns,
            members.Select(m => new MemberConfirmations(m.Id, m.Name, mustReads[m.Id])).ToList()));
    }
}

/// <summary>Who oversees an estate's members (confirmations, onboarding): the estate's board and EZ of the tenant.</summary>
public static class EstateOversight
{
    public static bool MayOversee(ICurrentMember me, Guid estateId)
        => me.TenantId is not null && (me.IsInRole(Roles.Ez) || me.HasEstateRole(Roles.Board, estateId));

    public sealed record EstateMember(Guid Id, string Name, string? Email, Guid? OrganisationId, DateTimeOffset CreatedAt);

    /// <summary>Members holding any estate role on the estate, erased members left out.</summary>
    public static async Task<List<EstateMember>> MembersOfAsync(PpsDb db, Guid estateId, CancellationToken ct)
    {
        var ids = db.RoleAssignments.Where(r => r.EstateId == estateId).Select(r => r.MemberId);
        return await db.Members.Where(m => ids.Contains(m.Id) && m.ErasedAt == null)
            .OrderBy(m => m.DisplayName)
            .Select(m => new EstateMember(m.Id, m.DisplayName, m.Email, m.OrganisationId, m.CreatedAt))
            .ToListAsync(ct);
    }
}
