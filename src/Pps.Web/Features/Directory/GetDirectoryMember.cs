using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.MemberDirectory;

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

        var member = await DirectoryScope.Listed(db, scope.Estates).AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.MemberId, ct);
        if (member is null)
        {
            return Result<DirectoryEntryDto>.NotFound();
        }

        var estateId = (await DirectoryScope.EstateOfAsync(db, [member.Id], scope.Estates, ct))[member.Id];
        var names = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var entry = (await DirectoryEntries.BuildAsync(db, [(member, estateId)], names, ct))[0];
        if (query.MemberId != me.Id)
        {
            await audit.WriteAsync("directory.viewed", $"member:{query.MemberId}", ct: ct);
        }

        return Result<DirectoryEntryDto>.Ok(entry);
    }
}
