using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>Any reader reports a post to the moderators, with a reason. Reporting twice changes nothing.</summary>
public sealed record ReportPost(Guid PostId, string Reason) : ICommand<Result>;

internal sealed class ReportPostValidator : AbstractValidator<ReportPost>
{
    public ReportPostValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(PostReport.ReasonMax);
}

internal sealed class ReportPostHandler(PpsDb db, ICurrentMember me, BoardViews views, IAuditLog audit, TimeProvider clock) : ICommandHandler<ReportPost, Result>
{
    public async ValueTask<Result> Handle(ReportPost cmd, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(cmd.PostId, ct) is not ({ } post, _))
        {
            return Result.NotFound();
        }

        if (await db.PostReports.AnyAsync(r => r.PostId == post.Id && r.ReporterId == me.Id, ct))
        {
            return Result.Ok();
        }

        db.PostReports.Add(new PostReport { TenantId = post.TenantId, PostId = post.Id, ReporterId = me.Id, Reason = cmd.Reason.Trim(), CreatedAt = clock.GetUtcNow() });
        audit.Add("post.reported", $"post:{post.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>A moderator hides a post; the author keeps seeing it, with the reason. Hiding twice changes nothing.</summary>
public sealed record HidePost(Guid PostId, string Reason) : ICommand<Result>;

internal sealed class HidePostValidator : AbstractValidator<HidePost>
{
    public HidePostValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1_000);
}

internal sealed class HidePostHandler(PpsDb db, ICurrentMember me, BoardAccess access, BoardViews views, IAuditLog audit, TimeProvider clock) : ICommandHandler<HidePost, Result>
{
    public async ValueTask<Result> Handle(HidePost cmd, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(cmd.PostId, ct) is not ({ } post, { } board))
        {
            return Result.NotFound();
        }

        if (!access.CanModerate(board))
        {
            return Result.Forbidden("Only moderators of this board can hide posts.");
        }

        if (post.HiddenAt is not null)
        {
            return Result.Ok();
        }

        post.HiddenAt = clock.GetUtcNow();
        post.HiddenBy = me.Id;
        post.HiddenReason = cmd.Reason.Trim();
        audit.Add("post.hidden", $"post:{post.Id}", detail: post.HiddenReason);
        db.Raise(new PostHidden(post.TenantId, new PostHiddenLive(board.Id, post.Id)));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>Pins or unpins a post (board members of the estate and staff); pinned posts come first.</summary>
public sealed record PinPost(Guid PostId, bool Pinned) : ICommand<Result>;

internal sealed class PinPostHandler(PpsDb db, BoardAccess access, BoardViews views, IAuditLog audit, TimeProvider clock) : ICommandHandler<PinPost, Result>
{
    public async ValueTask<Result> Handle(PinPost cmd, CancellationToken ct)
    {
        if (await views.VisiblePostAsync(cmd.PostId, ct) is not ({ } post, { } board))
        {
            return Result.NotFound();
        }

        if (!access.CanPin(board))
        {
            return Result.Forbidden("Only board members of the estate and municipal staff can pin posts.");
        }

        if (cmd.Pinned == post.PinnedAt is not null)
        {
            return Result.Ok();
        }

        post.PinnedAt = cmd.Pinned ? clock.GetUtcNow() : null;
        audit.Add(cmd.Pinned ? "post.pinned" : "post.unpinned", $"post:{post.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
