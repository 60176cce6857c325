using Ganss.Xss;
using Markdig;

namespace Pps.Web.Features.Noticeboards;

/// <summary>
/// Markdown to safe HTML: Markdig with raw HTML disabled, then HtmlSanitizer, which removes scripts, event
/// handlers, <c>javascript:</c> and other non-http(s)/mailto links and inline styles (the CSP forbids those anyway).
/// Both steps on purpose: Markdig alone still writes <c>[x](javascript:…)</c> as a link.
/// </summary>
public sealed class PostRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("option");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
