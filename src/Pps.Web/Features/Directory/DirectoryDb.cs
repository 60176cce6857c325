using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.MemberDirectory;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<DirectoryConsent> DirectoryConsents => Set<DirectoryConsent>();

    public DbSet<DirectorySearchEntry> DirectorySearchEntries => Set<DirectorySearchEntry>();

    public DbSet<AnonymitySnapshot> AnonymitySnapshots => Set<AnonymitySnapshot>();
}
