using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Directory;

/// <summary>One member's directory details. Every view is audited (<c>directory.viewed</c>) so the member can see who looked.</summary>
public sealed record GetDirectoryMember(Guid MemberId) : IQuery<Result<DirectoryEntryDto>>;

internal sealed class GetDirectoryMemberHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : IQueryHandler<GetDirectoryMember, Result<DirectoryEntryDto>>
{
    public async ValueTask<Result<DirectoryEntryDto>> Handle(GetDirectoryMember query, CancellationToken ct)
    {
        var scope = await DirectoryScope.ForAsync(db, me, ct);
        if (!scope.MembersVisible)
        {
            return Result<DirectoryEntryDto>.NotFound();
        }

        var listing = await DirectoryScope.Listed(db, scope.Estates).Where(l => l.MemberId == query.MemberId).FirstOrDefaultAsync(ct);
        if (listing is null)
        {
            return Result<DirectoryEntryDto>.NotFound();
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == query.MemberId, ct);
        var names = await db.Estates.AsNoTracking().Where(e => e.Id == listing.EstateId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var entry = (await DirectoryEntries.BuildAsync(db, [(member, listing.EstateId)], names, ct))[0];
        if (query.MemberId != me.Id)
        {
            await audit.WriteAsync("directory.viewed", $"member:{query.MemberId}", ct: ct);
        }

        return Result<DirectoryEntryDto>.Ok(entry);
    }
}
