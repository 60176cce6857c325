using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Awareness;

/// <summary>The caller's must-reads, open ones first.</summary>
public sealed record GetMyMustReads : IQuery<Result<IReadOnlyList<MustReadItem>>>;

internal sealed class GetMyMustReadsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMyMustReads, Result<IReadOnlyList<MustReadItem>>>
{
    public async ValueTask<Result<IReadOnlyList<MustReadItem>>> Handle(GetMyMustReads query, CancellationToken ct)
    {
        var roles = LibraryAccess.Of(me);
        var all = await MustReads.ForAsync(db, [roles], ct);
        return Result<IReadOnlyList<MustReadItem>>.Ok(all[me.Id]);
    }
}
