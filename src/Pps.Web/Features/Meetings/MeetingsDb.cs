using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Meetings;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingInvitee> MeetingInvitees => Set<MeetingInvitee>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
}
