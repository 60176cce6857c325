using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.MemberDirectory;

/// <summary>
/// Something a directory entry is found by changed: a member's name or vetting, or a business (name, KvK number,
/// activity, the unit it occupies). Raised before the save; published after commit.
/// </summary>
public sealed record DirectorySourceChanged(IReadOnlyList<Guid> MemberIds, IReadOnlyList<Guid> OrganisationIds) : INotification
{
    public static DirectorySourceChanged Member(Guid memberId) => new([memberId], []);

    public static DirectorySourceChanged Organisations(params Guid[] organisationIds) => new([], organisationIds);
}

/// <summary>
/// Brings the search entries of the affected members in step at once, so a rename is found straight after it is
/// saved. <see cref="DirectoryIndexJob"/> stays as the safety net for changes made without this event. Runs in a
/// scope of its own: the caller's unit of work is already committed and must not be saved twice.
/// </summary>
internal sealed class RefreshDirectorySearch(IServiceScopeFactory scopes) : INotificationHandler<DirectorySourceChanged>
{
    public async ValueTask Handle(DirectorySourceChanged notification, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().UseCrossTenant();
        var db = scope.ServiceProvider.GetRequiredService<PpsDb>();
        var orgIds = notification.OrganisationIds.ToList();
        var memberIds = notification.MemberIds.ToList();
        if (orgIds.Count > 0)
        {
            memberIds.AddRange(await db.Members.Where(m => m.OrganisationId != null && orgIds.Contains(m.OrganisationId.Value)).Select(m => m.Id).ToListAsync(ct));
        }

        await DirectoryIndex.RefreshAsync(db, memberIds.Distinct().ToList(), ct);
    }
}

/// <summary>Computes and stores the search text of members: all of them (the job) or a few (after a change).</summary>
internal static class DirectoryIndex
{
    public static async Task RefreshAsync(PpsDb db, IReadOnlyList<Guid>? only, CancellationToken ct)
    {
        if (only is { Count: 0 })
        {
            return;
        }

        if (db.Database.IsSqlite())
        {
            await DirectorySearch.EnsureSqliteFtsAsync(db, ct);
        }

        var memberQuery = db.Members.AsNoTracking().Where(m => m.TenantId != null && m.ErasedAt == null);
        var entryQuery = db.DirectorySearchEntries.AsQueryable();
        if (only is not null)
        {
            memberQuery = memberQuery.Where(m => only.Contains(m.Id));
            entryQuery = entryQuery.Where(e => only.Contains(e.MemberId));
        }

        var members = await memberQuery.Select(m => new { m.Id, TenantId = m.TenantId!.Value, m.DisplayName, m.OrganisationId }).ToListAsync(ct);
        var orgIds = members.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId!.Value).Distinct().ToList();
        var orgQuery = db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Business);
        var unitQuery = db.Units.AsNoTracking().Where(u => u.OccupantOrganisationId != null);
        if (only is not null)
        {
            orgQuery = orgQuery.Where(o => orgIds.Contains(o.Id));
            unitQuery = unitQuery.Where(u => orgIds.Contains(u.OccupantOrganisationId!.Value));
        }

        var organisations = await orgQuery.ToDictionaryAsync(o => o.Id, ct);
        var units = (await unitQuery.ToListAsync(ct))
            .GroupBy(u => u.OccupantOrganisationId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(u => u.BagId).First());
        var entries = await entryQuery.ToDictionaryAsync(e => e.MemberId, ct);
        var keep = new HashSet<Guid>();
        foreach (var m in members)
        {
            var business = m.OrganisationId is { } oid && organisations.TryGetValue(oid, out var o) ? o : null;
            var unit = business is not null && units.TryGetValue(business.Id, out var u) ? u : null;
            var text = DirectorySearch.TextFor(m.DisplayName, business, unit);
            keep.Add(m.Id);
            if (entries.TryGetValue(m.Id, out var entry))
            {
                if (entry.Text != text)
                {
                    entry.Text = text;
                }
            }
            else
            {
                db.DirectorySearchEntries.Add(new DirectorySearchEntry { MemberId = m.Id, TenantId = m.TenantId, Text = text });
            }
        }

        db.DirectorySearchEntries.RemoveRange(entries.Values.Where(e => !keep.Contains(e.MemberId)));
        await db.SaveChangesAsync(ct);
    }
}
