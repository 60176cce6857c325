using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Watch;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<PatrolRound> PatrolRounds => Set<PatrolRound>();

    public DbSet<PatrolSignup> PatrolSignups => Set<PatrolSignup>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<IncidentPhoto> IncidentPhotos => Set<IncidentPhoto>();

    public DbSet<Camera> Cameras => Set<Camera>();
}
