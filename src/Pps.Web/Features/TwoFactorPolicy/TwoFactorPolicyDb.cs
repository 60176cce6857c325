using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.TwoFactorPolicy;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<TenantTwoFactorPolicy> TwoFactorPolicies => Set<TenantTwoFactorPolicy>();
}
