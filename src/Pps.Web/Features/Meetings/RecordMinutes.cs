using FluentValidation;
using Ganss.Xss;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Meetings;

/// <summary>The organiser records minutes (Markdown, rendered and sanitised once on save) and decisions.</summary>
public sealed record RecordMinutes(Guid MeetingId, string? Minutes, string? Decisions) : ICommand<Result>;

internal sealed class RecordMinutesValidator : AbstractValidator<RecordMinutes>
{
    public RecordMinutesValidator()
    {
        RuleFor(c => c.Minutes).MaximumLength(50_000);
        RuleFor(c => c.Decisions).MaximumLength(10_000);
    }
}

internal static class MinutesRenderer
{
    /// <summary>The stored HTML's column size.</summary>
    public const int MaxHtmlLength = 100_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAdvancedExtensions().Build();

    public static string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer.Sanitize(html);
    }
}

internal sealed class RecordMinutesHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : ICommandHandler<RecordMinutes, Result>
{
    public async ValueTask<Result> Handle(RecordMinutes cmd, CancellationToken ct)
    {
        var meeting = await MeetingAccess.OrganisedAsync(db, me, cmd.MeetingId, ct);
        if (meeting is null)
        {
            return Result.NotFound();
        }

        meeting.MinutesMarkdown = string.IsNullOrWhiteSpace(cmd.Minutes) ? null : cmd.Minutes;
        meeting.MinutesHtml = meeting.MinutesMarkdown is null ? null : MinutesRenderer.ToSafeHtml(meeting.MinutesMarkdown);
        if (meeting.MinutesHtml?.Length > MinutesRenderer.MaxHtmlLength)
        {
            return Result.Invalid("minutes", "The minutes are too long once formatted; shorten them.");
        }

        meeting.Decisions = string.IsNullOrWhiteSpace(cmd.Decisions) ? null : cmd.Decisions.Trim();
        audit.Add("meeting.minutes-recorded", $"meeting:{meeting.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An RSVP was saved between our read and this write; nothing of this change is stored.
            return Result.Conflict("The meeting changed meanwhile; please try again.");
        }

        return Result.Ok();
    }
}
