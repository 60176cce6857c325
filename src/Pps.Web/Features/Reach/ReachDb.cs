using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Reach;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();

    public DbSet<PushDelivery> PushDeliveries => Set<PushDelivery>();

    public DbSet<ReachPreferences> ReachPreferences => Set<ReachPreferences>();

    public DbSet<SmsUsage> SmsUsage => Set<SmsUsage>();

    public DbSet<VapidKeyPair> VapidKeyPairs => Set<VapidKeyPair>();
}
