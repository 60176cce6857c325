using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Alerts;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertReceipt> AlertReceipts => Set<AlertReceipt>();

    public DbSet<AlertSequence> AlertSequences => Set<AlertSequence>();

    public DbSet<AlertPreferences> AlertPreferences => Set<AlertPreferences>();
}
