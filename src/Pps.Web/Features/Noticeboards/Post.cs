using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

public enum SafetyTag
{
    Burglary,
    Dumping,
    SuspiciousRental,
    Vehicle,
    Intimidation,
    Other,
}

/// <summary>
/// A post on a board. <see cref="Body"/> is the Markdown exactly as written; HTML is rendered and sanitised on
/// every read (<see cref="PostRenderer"/>), so a better sanitiser protects old posts too.
/// </summary>
public sealed class Post : ITenantOwned
{
    public const int TitleMax = 200;
    public const int BodyMax = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid BoardId { get; set; }

    public Guid AuthorId { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public SafetyTag? Tag { get; set; }

    /// <summary>Present for a safety post (structured form).</summary>
    public SafetyReport? Safety { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    public DateTimeOffset? PinnedAt { get; set; }

    public DateTimeOffset? HiddenAt { get; set; }

    public Guid? HiddenBy { get; set; }

    public string? HiddenReason { get; set; }

    public List<PostAttachment> Attachments { get; set; } = [];
}

/// <summary>The structured part of a safety post. The body of the post holds "what happened".</summary>
public sealed class SafetyReport
{
    public const int TextMax = 2_000;

    /// <summary>A unit of the board's estate, or null when <see cref="Spot"/> describes the place.</summary>
    public Guid? UnitId { get; set; }

    public string? Spot { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public string? ActionTaken { get; set; }

    public bool PoliceCalled { get; set; }

    public string? PoliceReportNumber { get; set; }

    /// <summary>Kept apart from the story so it can be shown with the house rules (behaviour and clothing, never origin).</summary>
    public string? PersonDescription { get; set; }
}

/// <summary>A reply under a post (Markdown, sanitised on read like posts).</summary>
public sealed class PostReply : ITenantOwned
{
    public const int BodyMax = 5_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PostId { get; set; }

    public Guid AuthorId { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The text of a post before an edit: one row per edit.</summary>
public sealed class PostRevision : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PostId { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>When this text was replaced.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}

public sealed class PostReport : ITenantOwned
{
    public const int ReasonMax = 1_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PostId { get; set; }

    public Guid ReporterId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class PostAttachment : ITenantOwned
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerPost = 5;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid PostId { get; set; }

    public required string BlobKey { get; set; }

    /// <summary>The uploader's file name, for display and the download name only (never for storage or type).</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }
}

/// <summary>Until when a member has read a board; posts with later activity count as unread.</summary>
public sealed class BoardReadMark : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BoardId { get; set; }

    public Guid MemberId { get; set; }

    public DateTimeOffset LastReadAt { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.Property(x => x.Title).HasMaxLength(Post.TitleMax);
        b.Property(x => x.Body).HasMaxLength(Post.BodyMax);
        b.Property(x => x.Tag).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.HiddenReason).HasMaxLength(1_000);
        b.OwnsOne(x => x.Safety, s =>
        {
            s.Property(p => p.Spot).HasMaxLength(SafetyReport.TextMax);
            s.Property(p => p.ActionTaken).HasMaxLength(SafetyReport.TextMax);
            s.Property(p => p.PoliceReportNumber).HasMaxLength(50);
            s.Property(p => p.PersonDescription).HasMaxLength(SafetyReport.TextMax);
            s.HasOne<EstateUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.HasIndex(x => new { x.BoardId, x.CreatedAt });
        b.HasOne<Board>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostReplyConfiguration : IEntityTypeConfiguration<PostReply>
{
    public void Configure(EntityTypeBuilder<PostReply> b)
    {
        b.Property(x => x.Body).HasMaxLength(PostReply.BodyMax);
        b.HasIndex(x => new { x.PostId, x.CreatedAt });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> b)
    {
        b.Property(x => x.Title).HasMaxLength(Post.TitleMax);
        b.Property(x => x.Body).HasMaxLength(Post.BodyMax);
        b.HasIndex(x => new { x.PostId, x.ReplacedAt });
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostReportConfiguration : IEntityTypeConfiguration<PostReport>
{
    public void Configure(EntityTypeBuilder<PostReport> b)
    {
        b.Property(x => x.Reason).HasMaxLength(PostReport.ReasonMax);
        b.HasIndex(x => x.PostId);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.ReporterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PostAttachmentConfiguration : IEntityTypeConfiguration<PostAttachment>
{
    public void Configure(EntityTypeBuilder<PostAttachment> b)
    {
        b.Property(x => x.BlobKey).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
    }
}

internal sealed class BoardReadMarkConfiguration : IEntityTypeConfiguration<BoardReadMark>
{
    public void Configure(EntityTypeBuilder<BoardReadMark> b)
    {
        b.HasKey(x => new { x.BoardId, x.MemberId });
        b.HasOne<Board>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
