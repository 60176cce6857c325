using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

/// <summary>
/// Makes the boards a tenant should have (tenant-wide, one estate and one association board per estate, one
/// internal board per department) the first time someone asks, so a new estate gets its boards without a
/// migration or an admin step.
/// </summary>
internal sealed class BoardDirectory(PpsDb db, TimeProvider clock)
{
    public async Task EnsureAsync(Guid tenantId, CancellationToken ct)
    {
        var existing = (await db.Boards.IgnoreQueryFilters().Where(b => b.TenantId == tenantId).Select(b => b.Key).ToListAsync(ct)).ToHashSet();
        var estates = await db.Estates.IgnoreQueryFilters().Where(e => e.TenantId == tenantId).Select(e => e.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var wanted = new List<Board> { new() { TenantId = tenantId, Kind = BoardKind.Tenant, Key = "tenant", CreatedAt = now } };
        foreach (var estate in estates)
        {
            wanted.Add(new Board { TenantId = tenantId, Kind = BoardKind.Estate, EstateId = estate, Key = $"estate:{estate:N}", CreatedAt = now });
            wanted.Add(new Board { TenantId = tenantId, Kind = BoardKind.Association, EstateId = estate, Key = $"association:{estate:N}", CreatedAt = now });
        }

        foreach (var role in Roles.Staff)
        {
            wanted.Add(new Board { TenantId = tenantId, Kind = BoardKind.Department, DepartmentRole = role, Key = $"department:{role}", CreatedAt = now });
        }

        var missing = wanted.Where(b => !existing.Contains(b.Key)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Boards.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request made the same boards at the same moment (unique tenant + key): theirs are as good.
            foreach (var board in missing)
            {
                db.Entry(board).State = EntityState.Detached;
            }
        }
    }
}
