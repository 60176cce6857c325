using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Members;

/// <summary>The member asks for their personal data to be erased; an administrator carries it out (<see cref="EraseMember"/>).</summary>
public sealed record RequestErasure : ICommand<Result>;

internal sealed class RequestErasureHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock) : ICommandHandler<RequestErasure, Result>
{
    public async ValueTask<Result> Handle(RequestErasure cmd, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == me.Id && m.ErasedAt == null, ct);
        if (member is null)
        {
            return Result.NotFound();
        }

        // Asking twice keeps the first date: the request's age is what administrators sort by.
        if (member.ErasureRequestedAt is null)
        {
            member.ErasureRequestedAt = clock.GetUtcNow();
            audit.Add("privacy.erasure-requested", $"member:{member.Id}");
            await db.SaveChangesAsync(ct);
        }

        return Result.Ok();
    }
}
