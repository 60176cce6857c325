using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Storage;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Noticeboards;

/// <summary>A new post on a board, optionally a safety post (structured form) and with attachments.</summary>
public sealed record CreatePost(Guid BoardId, string Title, string Body, SafetyTag? Tag = null, SafetyInput? Safety = null)
    : ICommand<Result<PostSummaryDto>>
{
    /// <summary>Files already read within the size limit (see <see cref="AttachmentReader"/>); not part of the JSON body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<UploadedFile> Attachments { get; init; } = [];
}

/// <summary>The structured part of a safety post; "what happened" is the post's body.</summary>
public sealed record SafetyInput(
    Guid? UnitId,
    string? Spot,
    DateTimeOffset? OccurredAt,
    string? ActionTaken,
    bool PoliceCalled,
    string? PoliceReportNumber,
    string? PersonDescription);

public sealed record UploadedFile(string FileName, byte[] Content);

internal sealed class CreatePostValidator : AbstractValidator<CreatePost>
{
    public CreatePostValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Post.TitleMax);
        RuleFor(c => c.Body).NotEmpty().MaximumLength(Post.BodyMax);
        RuleFor(c => c.Tag).IsInEnum();
        RuleFor(c => c.Tag).NotNull().When(c => c.Safety is not null).WithMessage("A safety post needs a tag.");
        RuleFor(c => c.Attachments).Must(a => a.Count <= PostAttachment.MaxPerPost)
            .WithMessage($"At most {PostAttachment.MaxPerPost} attachments per post.");
        When(c => c.Safety is not null, () =>
        {
            RuleFor(c => c.Safety!.Spot).MaximumLength(SafetyReport.TextMax).OverridePropertyName("safety.spot");
            RuleFor(c => c.Safety!.ActionTaken).MaximumLength(SafetyReport.TextMax).OverridePropertyName("safety.actionTaken");
            RuleFor(c => c.Safety!.PersonDescription).MaximumLength(SafetyReport.TextMax).OverridePropertyName("safety.personDescription");
            RuleFor(c => c.Safety!.PoliceReportNumber).MaximumLength(50).OverridePropertyName("safety.policeReportNumber");
            RuleFor(c => c.Safety!).Must(s => s.UnitId is not null || !string.IsNullOrWhiteSpace(s.Spot))
                .OverridePropertyName("safety.spot").WithMessage("Say where: choose a unit or describe the spot.");
        });
    }
}

internal sealed class CreatePostHandler(
    PpsDb db, ICurrentMember me, BoardViews views, PostRenderer renderer, IBlobStore blobs, IAuditLog audit, TimeProvider clock, ILogger<CreatePostHandler> log)
    : ICommandHandler<CreatePost, Result<PostSummaryDto>>
{
    public async ValueTask<Result<PostSummaryDto>> Handle(CreatePost cmd, CancellationToken ct)
    {
        var board = await views.ReadableBoardAsync(cmd.BoardId, ct);
        if (board is null)
        {
            return Result<PostSummaryDto>.NotFound();
        }

        if (cmd.Safety?.UnitId is { } unitId
            && !await db.Units.AnyAsync(u => u.Id == unitId && (board.EstateId == null || u.EstateId == board.EstateId), ct))
        {
            return Result<PostSummaryDto>.Invalid("safety.unitId", "No such unit on this estate.");
        }

        var prepared = AttachmentReader.Prepare(cmd.Attachments, out var error);
        if (error is not null)
        {
            return Result<PostSummaryDto>.Invalid("attachments", error);
        }

        var now = clock.GetUtcNow();
        var post = new Post
        {
            TenantId = board.TenantId,
            BoardId = board.Id,
            AuthorId = me.Id,
            Title = cmd.Title.Trim(),
            Body = cmd.Body,
            Tag = cmd.Tag,
            CreatedAt = now,
            Safety = cmd.Safety is { } s
                ? new SafetyReport
                {
                    UnitId = s.UnitId,
                    Spot = Clean(s.Spot),
                    OccurredAt = s.OccurredAt,
                    ActionTaken = Clean(s.ActionTaken),
                    PoliceCalled = s.PoliceCalled,
                    PoliceReportNumber = s.PoliceCalled ? Clean(s.PoliceReportNumber) : null,
                    PersonDescription = Clean(s.PersonDescription),
                }
                : null,
        };

        // Blobs first, then the rows that point at them; if the rows fail, the blobs go again, so nothing is orphaned.
        return await blobs.PutThenSaveAsync("noticeboards", prepared.Select(f => new BlobUpload(f.Content, f.ContentType)), async keys =>
        {
            foreach (var (file, key) in prepared.Zip(keys))
            {
                post.Attachments.Add(new PostAttachment { TenantId = board.TenantId, BlobKey = key, FileName = file.FileName, ContentType = file.ContentType, Size = file.Content.Length });
            }

            db.Posts.Add(post);
            var author = await views.NameOfMemberAsync(me.Id, ct);
            var html = renderer.ToHtml(post.Body);
            audit.Add("post.created", $"post:{post.Id}");
            db.Raise(new PostPublished(board.TenantId, new PostLive(board.Id, post.Id, post.Title, html, author, me.Id, now, post.Tag, post.Safety is not null, post.Attachments.Count)));
            await db.SaveChangesAsync(ct);
            return Result<PostSummaryDto>.Created(new PostSummaryDto(
                post.Id, board.Id, post.Title, html, author, true, now, null, false, post.Tag, post.Safety is not null, false, null, 0, post.Attachments.Count));
        }, log, ct);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
