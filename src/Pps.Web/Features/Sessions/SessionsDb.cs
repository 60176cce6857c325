using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Sessions;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<MemberSession> MemberSessions => Set<MemberSession>();
}
