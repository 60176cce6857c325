using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Tenancy;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Estate> Estates => Set<Estate>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<EstateUnit> Units => Set<EstateUnit>();
}
