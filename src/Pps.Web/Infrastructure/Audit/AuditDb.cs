using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
}
