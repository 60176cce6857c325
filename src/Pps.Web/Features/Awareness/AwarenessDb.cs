using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Awareness;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<LibraryDocument> LibraryDocuments => Set<LibraryDocument>();

    public DbSet<LibraryDocumentVersion> LibraryDocumentVersions => Set<LibraryDocumentVersion>();

    public DbSet<ReadConfirmation> ReadConfirmations => Set<ReadConfirmation>();
}
