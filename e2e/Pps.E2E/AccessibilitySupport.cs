using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Pps.E2E;

/// <summary>One finding of the accessibility sweep: where, which rule, which elements.</summary>
public sealed record A11yFinding(string Page, string Rule, string Detail)
{
    public override string ToString() => $"{Page} | {Rule} | {Detail}";
}

/// <summary>
/// Helpers for the accessibility tests: axe-core with the same WCAG 2.1 A/AA rule set as
/// <c>BrowserHub.AssertAccessibleAsync</c>, but returning every serious or critical violation instead of failing
/// on the first page, plus the page-structure checks axe rates below "serious" (one h1, one main, a language).
/// </summary>
public static partial class AccessibilitySupport
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Every serious or critical axe violation on the page, one finding per rule with up to five targets.</summary>
    public static async Task<IReadOnlyList<A11yFinding>> AxeAsync(IPage page, string label)
    {
        var results = await page.RunAxe(WcagAa);
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => new A11yFinding(label, $"axe {v.Id} ({v.Impact})",
                $"{v.Help}: {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}{(v.Nodes.Length > 5 ? $" (+{v.Nodes.Length - 5} more)" : "")}"))
            .ToList();
    }

    /// <summary>House rules axe does not fail on: exactly one h1, one main landmark, the page's language set, no positive tabindex.</summary>
    public static async Task<IReadOnlyList<A11yFinding>> StructureAsync(IPage page, string label)
    {
        var facts = await page.EvaluateAsync<int[]>("""
            () => [
              document.querySelectorAll('h1').length,
              document.querySelectorAll('main, [role=main]').length,
              (document.documentElement.getAttribute('lang') || '').length,
              Array.from(document.querySelectorAll('[tabindex]')).filter(e => e.tabIndex > 0).length,
            ]
            """);
        var findings = new List<A11yFinding>();
        if (facts[0] != 1)
        {
            findings.Add(new(label, "one-h1", $"{facts[0]} h1 elements"));
        }

        if (facts[1] != 1)
        {
            findings.Add(new(label, "one-main", $"{facts[1]} main landmarks"));
        }

        if (facts[2] == 0)
        {
            findings.Add(new(label, "html-lang", "no lang on <html>"));
        }

        if (facts[3] > 0)
        {
            findings.Add(new(label, "tabindex", $"{facts[3]} elements with a positive tabindex break the reading order"));
        }

        return findings;
    }

    /// <summary>WCAG 1.4.10: no horizontal scrolling of the page at the viewport's width.</summary>
    public static async Task<IReadOnlyList<A11yFinding>> ReflowAsync(IPage page, string label, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        return scrollWidth <= width
            ? []
            : [new(label, "reflow (1.4.10)", $"page is {scrollWidth}px wide at {width}px: {await WidestAsync(page, width)}")];
    }

    /// <summary>Names the elements that stick out, so the report says what to fix.</summary>
    private static Task<string> WidestAsync(IPage page, int width) => page.EvaluateAsync<string>("""
        (w) => Array.from(document.querySelectorAll('main *, header *, footer *'))
          .filter(e => e.getBoundingClientRect().right > w + 1)
          .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > w + 1))
          .slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().right) + 'px)')
          .join(', ')
        """, width);

    /// <summary>A route pattern: ids (GUIDs, numbers) become placeholders, so one detail page stands for all of its kind.</summary>
    public static string Pattern(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', '#')[0];
        path = GuidSegment().Replace(path, "{id}");
        path = NumberSegment().Replace(path, "/{n}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>A readable failure message: every finding on its own line, grouped by page.</summary>
    public static string Report(string who, IReadOnlyCollection<A11yFinding> findings, IReadOnlyCollection<string> visited) =>
        $"{findings.Count} accessibility findings for {who} on {findings.Select(f => f.Page).Distinct().Count()} of {visited.Count} pages:\n"
        + string.Join("\n", findings.Select(f => "  " + f));

    /// <summary>The board of Lansinghage posts an alert through the form (set-up, not under test); returns its page's path.</summary>
    public static async Task<string> PostAlertAsync(Infrastructure.BrowserHub hub, string title, bool requiresAcknowledgement)
    {
        var board = await hub.NewPageAsync();
        try
        {
            await Infrastructure.BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
            await Assertions.Expect(board).ToHaveURLAsync(new Regex("/Dashboard$"));
            await board.GotoAsync("/Alerts/New");
            await board.GetByLabel("Titel").FillAsync(title);
            await board.GetByLabel("Bericht").FillAsync("Controleer vanavond of hekken en deuren op slot zijn; bel 112 bij verdachte situaties.");
            await board.GetByLabel("Waarschuwing").CheckAsync();
            await board.GetByLabel("Lansinghage", new() { Exact = true }).CheckAsync();
            if (requiresAcknowledgement)
            {
                await board.GetByLabel("Bevestiging vragen").CheckAsync();
            }

            await board.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
            await Assertions.Expect(board).ToHaveURLAsync(new Regex("/Alerts/[0-9a-f-]{36}$"));
            return new Uri(board.Url).AbsolutePath;
        }
        finally
        {
            await board.Context.CloseAsync();
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidSegment();

    [GeneratedRegex("/[0-9]+(?=/|$)")]
    private static partial Regex NumberSegment();
}
