namespace Pps.Web.Features.Noticeboards;

/// <summary>What an open board page hears (sent to the board's group, which only readers can join).</summary>
public interface INoticeboardsClient
{
    Task PostPublished(PostLive post);

    Task ReplyPublished(ReplyLive reply);

    Task PostEdited(PostEditedLive post);

    Task PostHidden(PostHiddenLive post);
}

public sealed record PostLive(Guid BoardId, Guid PostId, string Title, string BodyHtml, string AuthorName, Guid AuthorId, DateTimeOffset CreatedAt, SafetyTag? Tag, bool IsSafety, int AttachmentCount);

public sealed record ReplyLive(Guid BoardId, Guid PostId, Guid ReplyId, string BodyHtml, string AuthorName, DateTimeOffset CreatedAt);

public sealed record PostEditedLive(Guid BoardId, Guid PostId, string Title, string BodyHtml, DateTimeOffset EditedAt);

public sealed record PostHiddenLive(Guid BoardId, Guid PostId);
