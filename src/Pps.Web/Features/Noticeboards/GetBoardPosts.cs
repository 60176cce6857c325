using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>A page of a board's posts: pinned first, then newest first; optionally only one safety tag.</summary>
public sealed record GetBoardPosts(Guid BoardId, int Page = 1, int PageSize = 20, SafetyTag? Tag = null) : IQuery<Result<PostPage>>
{
    public const int MaxPageSize = 50;
}

internal sealed class GetBoardPostsValidator : AbstractValidator<GetBoardPosts>
{
    public GetBoardPostsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetBoardPosts.MaxPageSize);
        RuleFor(q => q.Tag).IsInEnum();
    }
}

internal sealed class GetBoardPostsHandler(PpsDb db, ICurrentMember me, BoardAccess access, BoardViews views, PostRenderer renderer)
    : IQueryHandler<GetBoardPosts, Result<PostPage>>
{
    public async ValueTask<Result<PostPage>> Handle(GetBoardPosts query, CancellationToken ct)
    {
        var board = await views.ReadableBoardAsync(query.BoardId, ct);
        if (board is null)
        {
            return Result<PostPage>.NotFound();
        }

        var moderator = access.CanModerate(board);
        var posts = db.Posts.Where(p => p.BoardId == board.Id && (p.HiddenAt == null || p.AuthorId == me.Id || moderator));
        if (query.Tag is { } tag)
        {
            posts = posts.Where(p => p.Tag == tag);
        }

        var total = await posts.CountAsync(ct);
        var page = await posts
            .OrderByDescending(p => p.PinnedAt != null).ThenByDescending(p => p.PinnedAt).ThenByDescending(p => p.CreatedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new
            {
                Post = p,
                Replies = db.PostReplies.Count(r => r.PostId == p.Id),
                Attachments = db.PostAttachments.Count(a => a.PostId == p.Id),
            })
            .ToListAsync(ct);
        var names = await views.NamesAsync(page.Select(p => p.Post.AuthorId), ct);
        var items = page.Select(x => new PostSummaryDto(
            x.Post.Id, x.Post.BoardId, x.Post.Title, renderer.ToHtml(x.Post.Body), names.GetValueOrDefault(x.Post.AuthorId, "?"), x.Post.AuthorId == me.Id,
            x.Post.CreatedAt, x.Post.EditedAt, x.Post.PinnedAt is not null, x.Post.Tag, x.Post.Safety is not null,
            x.Post.HiddenAt is not null, x.Post.HiddenReason, x.Replies, x.Attachments)).ToList();
        return Result<PostPage>.Ok(new PostPage(items, query.Page, query.PageSize, total));
    }
}
