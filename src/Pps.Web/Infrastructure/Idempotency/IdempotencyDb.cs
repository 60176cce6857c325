using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Idempotency;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
}
