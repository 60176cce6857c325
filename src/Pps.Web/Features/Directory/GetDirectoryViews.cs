using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>Who viewed the caller's directory details, newest first (from the audit log).</summary>
public sealed record GetDirectoryViews : IQuery<IReadOnlyList<DirectoryView>>;

public sealed record DirectoryView(string Viewer, string? Organisation, DateTimeOffset At);

internal sealed class GetDirectoryViewsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetDirectoryViews, IReadOnlyList<DirectoryView>>
{
    public async ValueTask<IReadOnlyList<DirectoryView>> Handle(GetDirectoryViews query, CancellationToken ct)
    {
        var obj = $"member:{me.Id}";
        var views = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == "directory.viewed" && a.Object == obj && a.TenantId == me.TenantId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200)
            .Select(a => new { a.ActorId, a.Actor, a.At }).ToListAsync(ct);
        var ids = views.Where(v => v.ActorId != null).Select(v => v.ActorId!.Value).Distinct().ToList();
        var viewers = await (from m in db.Members.AsNoTracking()
                             where ids.Contains(m.Id)
                             join o in db.Organisations.AsNoTracking() on m.OrganisationId equals o.Id into os
                             from o in os.DefaultIfEmpty()
                             select new { m.Id, m.DisplayName, Org = (string?)o.Name }).ToDictionaryAsync(x => x.Id, ct);
        return views.Select(v => v.ActorId is { } id && viewers.TryGetValue(id, out var who)
            ? new DirectoryView(who.DisplayName, who.Org, v.At)
            : new DirectoryView(v.Actor, null, v.At)).ToList();
    }
}
