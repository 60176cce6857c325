using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Vetting;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<VettingStep> VettingSteps => Set<VettingStep>();

    public DbSet<Vouch> Vouches => Set<Vouch>();

    public DbSet<VettingRecord> VettingRecords => Set<VettingRecord>();
}
