using FluentValidation;
using Mediator;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

public sealed record ReplyToPost(Guid PostId, string Body) : ICommand<Result<ReplyDto>>;

internal sealed class ReplyToPostValidator : AbstractValidator<ReplyToPost>
{
    public ReplyToPostValidator() => RuleFor(c => c.Body).NotEmpty().MaximumLength(PostReply.BodyMax);
}

internal sealed class ReplyToPostHandler(PpsDb db, ICurrentMember me, BoardViews views, PostRenderer renderer, TimeProvider clock)
    : ICommandHandler<ReplyToPost, Result<ReplyDto>>
{
    public async ValueTask<Result<ReplyDto>> Handle(ReplyToPost cmd, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(cmd.PostId, ct) is not ({ } post, { } board))
        {
            return Result<ReplyDto>.NotFound();
        }

        if (post.HiddenAt is not null)
        {
            return Result<ReplyDto>.Conflict("This post has been hidden by a moderator.");
        }

        var reply = new PostReply { TenantId = post.TenantId, PostId = post.Id, AuthorId = me.Id, Body = cmd.Body, CreatedAt = clock.GetUtcNow() };
        db.PostReplies.Add(reply);
        var author = await views.NameOfMemberAsync(me.Id, ct);
        var html = renderer.ToHtml(reply.Body);
        db.Raise(new ReplyPublished(post.TenantId, new ReplyLive(board.Id, post.Id, reply.Id, html, author, reply.CreatedAt)));
        await db.SaveChangesAsync(ct);
        return Result<ReplyDto>.Created(new ReplyDto(reply.Id, author, reply.Body, html, reply.CreatedAt));
    }
}
