using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Email;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
}
