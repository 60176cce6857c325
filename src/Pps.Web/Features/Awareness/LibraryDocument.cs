using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

public enum LibraryCategory
{
    RedFlagsPerBranch = 0,
    LandlordsAndLetting = 1,
    WhenApproached = 2,
    CyberAndFraud = 3,
    ReportingRoutes = 4,
}

/// <summary>What a version carries: an uploaded file (PDF or image), an external https link, or an article text.</summary>
public enum LibraryContentKind
{
    File = 0,
    Link = 1,
    Article = 2,
}

/// <summary>
/// A document of the awareness library. Role and estate lists are kept as separated text: the library of a
/// tenant is small (dozens of documents), so matching them in memory is simpler than join tables.
/// </summary>
public sealed class LibraryDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public LibraryCategory Category { get; set; }

    /// <summary>Two or three letter language code (nl, en, tr, pl, …).</summary>
    public required string Language { get; set; }

    /// <summary>Lower-case tags separated by spaces.</summary>
    public string Tags { get; set; } = "";

    /// <summary>Roles that may see the document, separated by spaces; empty means every member of the tenant.</summary>
    public string AudienceRoles { get; set; } = "";

    /// <summary>Roles for whom the document is a must-read, separated by spaces.</summary>
    public string MustReadRoles { get; set; } = "";

    /// <summary>Estates (ids, separated by spaces) whose members must read the document.</summary>
    public string MustReadEstates { get; set; } = "";

    public int CurrentVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public IReadOnlyList<string> TagList => Split(Tags);

    public IReadOnlyList<string> AudienceList => Split(AudienceRoles);

    public IReadOnlyList<string> MustReadRoleList => Split(MustReadRoles);

    public IReadOnlyList<Guid> MustReadEstateList => Split(MustReadEstates).Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToArray();

    public bool IsMustRead => MustReadRoles.Length > 0 || MustReadEstates.Length > 0;

    internal static string[] Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One version of a document. Old versions are kept; only the newest counts for read-confirmations.</summary>
public sealed class LibraryDocumentVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    public LibraryContentKind Kind { get; set; }

    /// <summary>Key in <see cref="Infrastructure.Storage.IBlobStore"/>; made by the hub, never from the uploaded name.</summary>
    public string? BlobKey { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The uploaded file's name, sanitised, for display and the download's suggested name only.</summary>
    public string? FileName { get; set; }

    public long? Size { get; set; }

    public string? Url { get; set; }

    public string? Body { get; set; }

    /// <summary>What changed compared with the previous version; empty for the first.</summary>
    public string? ChangeNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}

/// <summary>"I have read and understood" by one member for one version.</summary>
public sealed class ReadConfirmation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid DocumentId { get; set; }

    public int Version { get; set; }

    public Guid MemberId { get; set; }

    public DateTimeOffset ConfirmedAt { get; set; }
}

internal sealed class LibraryDocumentConfiguration : IEntityTypeConfiguration<LibraryDocument>
{
    public void Configure(EntityTypeBuilder<LibraryDocument> b)
    {
        b.Property(d => d.Title).HasMaxLength(LibraryLimits.Title);
        b.Property(d => d.Summary).HasMaxLength(LibraryLimits.Summary);
        b.Property(d => d.Language).HasMaxLength(3);
        b.Property(d => d.Tags).HasMaxLength(LibraryLimits.Tags);
        b.Property(d => d.AudienceRoles).HasMaxLength(400);
        b.Property(d => d.MustReadRoles).HasMaxLength(400);
        b.Property(d => d.MustReadEstates).HasMaxLength(4000);
        b.Ignore(d => d.TagList);
        b.Ignore(d => d.AudienceList);
        b.Ignore(d => d.MustReadRoleList);
        b.Ignore(d => d.MustReadEstateList);
        b.Ignore(d => d.IsMustRead);
        b.HasIndex(d => new { d.TenantId, d.Category });
        b.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LibraryDocumentVersionConfiguration : IEntityTypeConfiguration<LibraryDocumentVersion>
{
    public void Configure(EntityTypeBuilder<LibraryDocumentVersion> b)
    {
        b.Property(v => v.BlobKey).HasMaxLength(200);
        b.Property(v => v.ContentType).HasMaxLength(100);
        b.Property(v => v.FileName).HasMaxLength(LibraryLimits.FileName);
        b.Property(v => v.Url).HasMaxLength(LibraryLimits.Url);
        b.Property(v => v.Body).HasMaxLength(LibraryLimits.Body);
        b.Property(v => v.ChangeNote).HasMaxLength(LibraryLimits.ChangeNote);

        // Two editors adding a version at once collide here instead of both becoming "version n".
        b.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        b.HasOne<LibraryDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReadConfirmationConfiguration : IEntityTypeConfiguration<ReadConfirmation>
{
    public void Configure(EntityTypeBuilder<ReadConfirmation> b)
    {
        b.HasIndex(c => new { c.DocumentId, c.MemberId, c.Version }).IsUnique();
        b.HasIndex(c => c.MemberId);
        b.HasOne<LibraryDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class LibraryLimits
{
    public const long MaxUploadBytes = 20L * 1024 * 1024;
    public const int Title = 200;
    public const int Summary = 2000;
    public const int Tags = 500;
    public const int FileName = 200;
    public const int Url = 2000;
    public const int Body = 50_000;
    public const int ChangeNote = 2000;
    public const int PageSize = 50;
}
