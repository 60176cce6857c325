using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Members;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Member> Members => Set<Member>();

    /// <summary>Role assignments; filtered by tenant like every tenant-owned set (platform roles have no tenant).</summary>
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
}
