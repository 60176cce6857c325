using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Noticeboards;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<Board> Boards => Set<Board>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<PostReply> PostReplies => Set<PostReply>();

    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();

    public DbSet<PostReport> PostReports => Set<PostReport>();

    public DbSet<PostAttachment> PostAttachments => Set<PostAttachment>();

    public DbSet<BoardReadMark> BoardReadMarks => Set<BoardReadMark>();
}
