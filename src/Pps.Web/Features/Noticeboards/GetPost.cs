using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>One post with its replies and attachments; moderators also see the reports.</summary>
public sealed record GetPost(Guid PostId) : IQuery<Result<PostDto>>;

internal sealed class GetPostHandler(PpsDb db, ICurrentMember me, BoardAccess access, BoardViews views, PostRenderer renderer)
    : IQueryHandler<GetPost, Result<PostDto>>
{
    public async ValueTask<Result<PostDto>> Handle(GetPost query, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(query.PostId, ct) is not ({ } post, { } board))
        {
            return Result<PostDto>.NotFound();
        }

        var moderator = access.CanModerate(board);
        var replies = await db.PostReplies.Where(r => r.PostId == post.Id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var reports = moderator ? await db.PostReports.Where(r => r.PostId == post.Id).OrderBy(r => r.CreatedAt).ToListAsync(ct) : [];
        var names = await views.NamesAsync(replies.Select(r => r.AuthorId).Concat(reports.Select(r => r.ReporterId)).Append(post.AuthorId), ct);
        SafetyDto? safety = null;
        if (post.Safety is { } s)
        {
            var address = s.UnitId is { } unitId ? await db.Units.Where(u => u.Id == unitId).Select(u => u.Street + " " + u.HouseNumber).SingleOrDefaultAsync(ct) : null;
            safety = new SafetyDto(s.UnitId, address, s.Spot, s.OccurredAt, s.ActionTaken, s.PoliceCalled, s.PoliceReportNumber, s.PersonDescription);
        }

        return Result<PostDto>.Ok(new PostDto(
            post.Id,
            board.Id,
            await views.NameOfAsync(board, ct),
            post.Title,
            post.Body,
            renderer.ToHtml(post.Body),
            names.GetValueOrDefault(post.AuthorId, "?"),
            post.CreatedAt,
            post.EditedAt,
            post.PinnedAt is not null,
            post.Tag,
            safety,
            post.HiddenAt is not null,
            post.HiddenReason,
            post.Attachments.OrderBy(a => a.Id)
                .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, $"/api/attachments/{a.Id}", a.ContentType.StartsWith("image/", StringComparison.Ordinal)))
                .ToList(),
            replies.Select(r => new ReplyDto(r.Id, names.GetValueOrDefault(r.AuthorId, "?"), r.Body, renderer.ToHtml(r.Body), r.CreatedAt)).ToList(),
            moderator ? reports.Select(r => new ReportDto(r.Id, names.GetValueOrDefault(r.ReporterId, "?"), r.Reason, r.CreatedAt)).ToList() : null,
            post.AuthorId == me.Id && post.HiddenAt is null,
            access.CanPin(board),
            moderator));
    }
}

/// <summary>An attachment's blob, if the caller may read the post it belongs to.</summary>
public sealed record GetAttachment(Guid AttachmentId) : IQuery<Result<AttachmentFile>>;

public sealed record AttachmentFile(BlobContent Content, string FileName, string ContentType);

internal sealed class GetAttachmentHandler(PpsDb db, BoardViews views, IBlobStore blobs) : IQueryHandler<GetAttachment, Result<AttachmentFile>>
{
    public async ValueTask<Result<AttachmentFile>> Handle(GetAttachment query, CancellationToken ct)
    {
        var attachment = await db.PostAttachments.SingleOrDefaultAsync(a => a.Id == query.AttachmentId, ct);
        if (attachment is null || await views.VisiblePostAsync(attachment.PostId, ct) is null)
        {
            return Result<AttachmentFile>.NotFound();
        }

        var blob = await blobs.OpenAsync(attachment.BlobKey, ct);
        return blob is null
            ? Result<AttachmentFile>.NotFound()
            : Result<AttachmentFile>.Ok(new AttachmentFile(blob, attachment.FileName, attachment.ContentType));
    }
}
