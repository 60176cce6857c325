using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Signals;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Signal> Signals => Set<Signal>();

    public DbSet<SignalPhoto> SignalPhotos => Set<SignalPhoto>();

    public DbSet<SignalHistoryEntry> SignalHistory => Set<SignalHistoryEntry>();

    public DbSet<SignalLink> SignalLinks => Set<SignalLink>();

    public DbSet<RevealRequest> RevealRequests => Set<RevealRequest>();
}
