using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>The author changes title and body; the previous text is kept as a <see cref="PostRevision"/>.</summary>
public sealed record EditPost(Guid PostId, string Title, string Body) : ICommand<Result<PostSummaryDto>>;

internal sealed class EditPostValidator : AbstractValidator<EditPost>
{
    public EditPostValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Post.TitleMax);
        RuleFor(c => c.Body).NotEmpty().MaximumLength(Post.BodyMax);
    }
}

internal sealed class EditPostHandler(PpsDb db, ICurrentMember me, BoardViews views, PostRenderer renderer, TimeProvider clock)
    : ICommandHandler<EditPost, Result<PostSummaryDto>>
{
    public async ValueTask<Result<PostSummaryDto>> Handle(EditPost cmd, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(cmd.PostId, ct) is not ({ } post, { } board))
        {
            return Result<PostSummaryDto>.NotFound();
        }

        if (post.AuthorId != me.Id)
        {
            return Result<PostSummaryDto>.Forbidden("Only the author can edit a post.");
        }

        if (post.HiddenAt is not null)
        {
            return Result<PostSummaryDto>.Conflict("A hidden post cannot be edited.");
        }

        var now = clock.GetUtcNow();
        if (post.Title != cmd.Title.Trim() || post.Body != cmd.Body)
        {
            db.PostRevisions.Add(new PostRevision { TenantId = post.TenantId, PostId = post.Id, Title = post.Title, Body = post.Body, ReplacedAt = now });
            post.Title = cmd.Title.Trim();
            post.Body = cmd.Body;
            post.EditedAt = now;
            db.Raise(new PostEdited(post.TenantId, new PostEditedLive(board.Id, post.Id, post.Title, renderer.ToHtml(post.Body), now)));
            await db.SaveChangesAsync(ct);
        }

        var replies = await db.PostReplies.CountAsync(r => r.PostId == post.Id, ct);
        return Result<PostSummaryDto>.Ok(new PostSummaryDto(
            post.Id, board.Id, post.Title, renderer.ToHtml(post.Body), await views.NameOfMemberAsync(me.Id, ct), true, post.CreatedAt, post.EditedAt,
            post.PinnedAt is not null, post.Tag, post.Safety is not null, false, null, replies, post.Attachments.Count));
    }
}

/// <summary>Earlier versions of a post, newest first; readable by whoever may see the post.</summary>
public sealed record GetPostRevisions(Guid PostId) : IQuery<Result<IReadOnlyList<RevisionDto>>>;

internal sealed class GetPostRevisionsHandler(PpsDb db, BoardViews views, PostRenderer renderer) : IQueryHandler<GetPostRevisions, Result<IReadOnlyList<RevisionDto>>>
{
    public async ValueTask<Result<IReadOnlyList<RevisionDto>>> Handle(GetPostRevisions query, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(query.PostId, ct) is null)
        {
            return Result<IReadOnlyList<RevisionDto>>.NotFound();
        }

        var revisions = await db.PostRevisions.Where(r => r.PostId == query.PostId).OrderByDescending(r => r.ReplacedAt).ToListAsync(ct);
        return Result<IReadOnlyList<RevisionDto>>.Ok(revisions.Select(r => new RevisionDto(r.Title, renderer.ToHtml(r.Body), r.ReplacedAt)).ToList());
    }
}
