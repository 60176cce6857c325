using Mediator;
using Microsoft.AspNetCore.SignalR;
using Pps.Web.Live;

namespace Pps.Web.Features.Noticeboards;

/// <summary>Raised on the DbContext; published only after commit, so a page never shows a post that rolled back.</summary>
public sealed record PostPublished(Guid TenantId, PostLive Post) : INotification;

public sealed record ReplyPublished(Guid TenantId, ReplyLive Reply) : INotification;

public sealed record PostEdited(Guid TenantId, PostEditedLive Post) : INotification;

public sealed record PostHidden(Guid TenantId, PostHiddenLive Post) : INotification;

internal sealed class BroadcastNoticeboardEvents(IHubContext<LiveHub, ILiveClient> hub)
    : INotificationHandler<PostPublished>, INotificationHandler<ReplyPublished>, INotificationHandler<PostEdited>, INotificationHandler<PostHidden>
{
    public async ValueTask Handle(PostPublished e, CancellationToken ct)
        => await hub.Clients.Group(LiveGroups.Board(e.TenantId, e.Post.BoardId)).PostPublished(e.Post);

    public async ValueTask Handle(ReplyPublished e, CancellationToken ct)
        => await hub.Clients.Group(LiveGroups.Board(e.TenantId, e.Reply.BoardId)).ReplyPublished(e.Reply);

    public async ValueTask Handle(PostEdited e, CancellationToken ct)
        => await hub.Clients.Group(LiveGroups.Board(e.TenantId, e.Post.BoardId)).PostEdited(e.Post);

    public async ValueTask Handle(PostHidden e, CancellationToken ct)
        => await hub.Clients.Group(LiveGroups.Board(e.TenantId, e.Post.BoardId)).PostHidden(e.Post);
}
