using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Noticeboards;

public sealed record BoardDto(Guid Id, BoardKind Kind, Guid? EstateId, string? DepartmentRole, string Name, int Unread, bool CanModerate);

public sealed record PostSummaryDto(
    Guid Id,
    Guid BoardId,
    string Title,
    string BodyHtml,
    string AuthorName,
    bool Mine,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Pinned,
    SafetyTag? Tag,
    bool IsSafety,
    bool Hidden,
    string? HiddenReason,
    int ReplyCount,
    int AttachmentCount);

public sealed record PostPage(IReadOnlyList<PostSummaryDto> Items, int Page, int PageSize, int Total);

public sealed record SafetyDto(Guid? UnitId, string? UnitAddress, string? Spot, DateTimeOffset? OccurredAt, string? ActionTaken, bool PoliceCalled, string? PoliceReportNumber, string? PersonDescription);

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Url, bool IsImage);

public sealed record ReplyDto(Guid Id, string AuthorName, string Body, string BodyHtml, DateTimeOffset CreatedAt);

public sealed record ReportDto(Guid Id, string ReporterName, string Reason, DateTimeOffset CreatedAt);

public sealed record PostDto(
    Guid Id,
    Guid BoardId,
    string BoardName,
    string Title,
    string Body,
    string BodyHtml,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Pinned,
    SafetyTag? Tag,
    SafetyDto? Safety,
    bool Hidden,
    string? HiddenReason,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<ReplyDto> Replies,
    IReadOnlyList<ReportDto>? Reports,
    bool CanEdit,
    bool CanPin,
    bool CanModerate);

public sealed record RevisionDto(string Title, string BodyHtml, DateTimeOffset ReplacedAt);

/// <summary>Board names in the reader's language, and the loading of a post together with the access check.</summary>
public sealed class BoardViews(PpsDb db, BoardAccess access, ICurrentMember me, IStringLocalizer<NoticeboardsText> text)
{
    public async Task<Dictionary<Guid, string>> EstateNamesAsync(CancellationToken ct)
        => await db.Estates.ToDictionaryAsync(e => e.Id, e => e.Name, ct);

    public string NameOf(Board board, IReadOnlyDictionary<Guid, string> estateNames) => board.Kind switch
    {
        BoardKind.Estate => text["BoardEstate", estateNames.GetValueOrDefault(board.EstateId ?? Guid.Empty, "?")],
        BoardKind.Association => text["BoardAssociation", estateNames.GetValueOrDefault(board.EstateId ?? Guid.Empty, "?")],
        BoardKind.Tenant => text["BoardTenant"],
        _ => text["BoardDepartment", (board.DepartmentRole ?? "").ToUpperInvariant()],
    };

    public async Task<string> NameOfAsync(Board board, CancellationToken ct) => NameOf(board, await EstateNamesAsync(ct));

    /// <summary>A readable board of the caller's tenant, or null (not there, other tenant, or not for this member: all look the same).</summary>
    public async Task<Board?> ReadableBoardAsync(Guid boardId, CancellationToken ct)
    {
        var board = await db.Boards.SingleOrDefaultAsync(b => b.Id == boardId, ct);
        return board is not null && access.CanRead(board) ? board : null;
    }

    /// <summary>
    /// A post the caller may see with its board, or null. A hidden post is seen only by its author (who is shown
    /// the reason) and by the board's moderators.
    /// </summary>
    public async Task<(Post Post, Board Board)?> VisiblePostAsync(Guid postId, CancellationToken ct)
    {
        var post = await db.Posts.Include(p => p.Attachments).SingleOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null)
        {
            return null;
        }

        var board = await db.Boards.SingleOrDefaultAsync(b => b.Id == post.BoardId, ct);
        if (board is null || !access.CanRead(board) || !IsVisible(post, board))
        {
            return null;
        }

        return (post, board);
    }

    public bool IsVisible(Post post, Board board) => post.HiddenAt is null || post.AuthorId == me.Id || access.CanModerate(board);

    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> memberIds, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToList();
        var members = await db.Members.Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.DisplayName, m.ErasedAt }).ToListAsync(ct);
        return members.ToDictionary(m => m.Id, m => m.ErasedAt is null ? m.DisplayName : Member.FormerMemberName);
    }

    public async Task<string> NameOfMemberAsync(Guid memberId, CancellationToken ct)
        => (await NamesAsync([memberId], ct)).GetValueOrDefault(memberId, Member.FormerMemberName);
}
