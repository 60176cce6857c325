using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Jobs;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<JobLease> JobLeases => Set<JobLease>();
}
