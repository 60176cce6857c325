using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// axe-core over every page each role can reach. The pages come from the app itself: starting at the role's
/// first page, every same-site link in the header, main content and footer is followed (breadth first), and one
/// page of each route pattern is checked, so a detail page is visited with a real id from the demo data. Every
/// finding of a role is collected and reported at once. The role's menu pages are checked again at 360 px
/// (axe and reflow) and in English. A declared list per role proves that the crawl really reached the pages
/// the role is meant to use, so a broken link or a missing menu entry cannot make the sweep pass by seeing less.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed class AccessibilitySweepTests(BrowserHub hub, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Phone = 360;

    /// <summary>Enough for every route pattern a role has today, with room to grow; a runaway crawl stops here.</summary>
    private const int MaxPagesPerRole = 80;

    /// <summary>Links the sweep must not follow: they leave the page flow (log-out form target, external sign-in, e-mail tokens).</summary>
    private static readonly string[] NeverFollow = ["/Account/Logout", "/Account/ExternalLogin", "/Alerts/Ack", "/culture", "/api/", "/hubs/", "/health"];

    /// <summary>Public pages look the same to everyone but the header; the anonymous sweep checks them, the others skip them to keep the run short.</summary>
    private static readonly string[] PublicPages = ["/", "/Melden", "/Melden/Status", "/Accessibility"];

    /// <summary>
    /// Menu pages already checked at phone width in this run. The phone pass is about the layout (reflow, the collapsed menu,
    /// wide tables), which a page's template decides, so each menu page is checked at 360 px once per run — by whichever role
    /// reaches it first — except the dashboard, which differs per role.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CheckedOnPhone = new(StringComparer.OrdinalIgnoreCase);

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static bool _seeded;

    public static TheoryData<string, string?, string[]> Roles => new()
    {
        { "anonymous", null, ["/", "/Melden", "/Melden/Status", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Accessibility"] },
        { "entrepreneur (vetted)", "ondernemer.lansinghage@zoetermeer.demo", ["/Dashboard", "/Alerts", "/Alerts/{id}", "/Alerts/Preferences", "/Boards", "/Boards/{id}", "/Boards/Posts/{id}", "/Meetings", "/Meetings/{id}", "/Directory", "/Directory/Member/{id}", "/Library", "/Library/Document/{id}", "/Watch", "/Signals/Report", "/Profile"] },
        // Not /Onboarding: DirectoryBrowserTests takes this account through vetting in the same run, after which its
        // dashboard offers the vetted member's shortcuts; the onboarding pages have their own browser tests.
        { "newcomer (unvetted)", "nieuw.lansinghage@zoetermeer.demo", ["/Dashboard", "/Library", "/Signals/Report", "/Profile"] },
        { "board", "bestuur.lansinghage@zoetermeer.demo", ["/Dashboard", "/Alerts", "/Alerts/New", "/Alerts/{id}", "/Boards", "/Boards/{id}", "/Meetings", "/Meetings/{id}", "/Meetings/ActionPlan/{id}", "/Vetting", "/Directory", "/Directory/Map", "/Signals/Report", "/Profile"] },
        { "EZ", "ez@zoetermeer.demo", ["/Dashboard", "/Alerts", "/Vetting", "/Directory", "/Directory/Map", "/Meetings", "/Profile"] },
        { "OOV", "oov@zoetermeer.demo", ["/Dashboard", "/Alerts", "/Alerts/New", "/Signals", "/Signals/Case/{id}", "/Signals/Trends", "/Admin", "/Admin/Members", "/Audit", "/Directory", "/Directory/Map", "/Meetings", "/Meetings/New", "/Library", "/Library/Upload", "/Profile"] },
        { "police", "politie@zoetermeer.demo", ["/Dashboard", "/Alerts", "/Watch", "/Profile"] },
        { "platform admin", "admin@pps.demo", ["/Dashboard", "/Admin", "/Admin/Tenants", "/Audit", "/Profile"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_a_role_can_reach_passes_axe_in_Dutch_and_English_and_at_phone_width(string role, string? email, string[] mustReach)
    {
        await SeedAsync();
        var page = await hub.NewPageAsync();
        var findings = new List<A11yFinding>();
        var visited = new List<string>();
        try
        {
            string[] english;
            if (email is null)
            {
                await page.GotoAsync("/");
                english = ["/", "/Account/Login", "/Melden", "/Accessibility"];
            }
            else
            {
                await BrowserHub.LogInAsync(page, email);
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
                english = [];
            }

            var menu = await MenuLinksAsync(page);
            await CrawlAsync(page, skip: email is null ? [] : PublicPages, findings, visited);

            var reached = visited.Select(AccessibilitySupport.Pattern).ToHashSet(StringComparer.OrdinalIgnoreCase);
            output.WriteLine($"{role}: {visited.Count} pages in Dutch at 1280 px: {string.Join(", ", reached.Order())}");
            var missed = mustReach.Where(p => !reached.Contains(p)).ToList();
            Assert.True(missed.Count == 0, $"The sweep for {role} did not reach {string.Join(", ", missed)}; it reached {string.Join(", ", reached.Order())}");

            await page.SetViewportSizeAsync(Phone, 800);
            var onPhone = menu.Where(p => p == "/Dashboard" || CheckedOnPhone.TryAdd(AccessibilitySupport.Pattern(p), role)).ToList();
            output.WriteLine($"{role}: at {Phone} px: {string.Join(", ", onPhone)}");
            foreach (var path in onPhone)
            {
                await VisitAsync(page, path, $"{path} @{Phone}px", findings, reflowWidth: Phone);
            }

            // English for the dashboard and the first sections of the role's menu.
            await page.SetViewportSizeAsync(1280, 900);
            await SwitchToEnglishAsync(page);
            english = english.Length > 0 ? english : [.. menu.Take(4)];
            output.WriteLine($"{role}: in English: {string.Join(", ", english)}");
            foreach (var path in english)
            {
                await VisitAsync(page, path, $"{path} (en)", findings, reflowWidth: null);
                if (await page.Locator("html").GetAttributeAsync("lang") != "en")
                {
                    findings.Add(new($"{path} (en)", "language", "the page did not switch to English"));
                }
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.True(findings.Count == 0, AccessibilitySupport.Report(role, findings, visited));
    }

    /// <summary>An alert for Lansinghage that asks for acknowledgement, so the alert pages have something to show (the demo data has no alerts).</summary>
    private async Task SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await AccessibilitySupport.PostAlertAsync(hub, "Toegankelijkheidscontrole " + Guid.NewGuid().ToString("N")[..6], requiresAcknowledgement: true);
                _seeded = true;
            }
        }
        finally
        {
            SeedLock.Release();
        }
    }

    /// <summary>Breadth first over the role's links; one page per route pattern.</summary>
    private static async Task CrawlAsync(IPage page, string[] skip, List<A11yFinding> findings, List<string> visited)
    {
        var start = new Uri(page.Url).PathAndQuery;
        var queue = new Queue<(string Path, string From)>([(start, "start"), ("/Accessibility", "start")]);
        var seen = new HashSet<string>(skip, StringComparer.OrdinalIgnoreCase);
        while (queue.Count > 0 && visited.Count < MaxPagesPerRole)
        {
            var (next, from) = queue.Dequeue();
            if (!seen.Add(AccessibilitySupport.Pattern(next)))
            {
                continue;
            }

            if (!await VisitAsync(page, next, next, findings, reflowWidth: null, from))
            {
                continue;
            }

            visited.Add(next);
            foreach (var link in await LinksAsync(page))
            {
                if (!seen.Contains(AccessibilitySupport.Pattern(link)))
                {
                    queue.Enqueue((link, next));
                }
            }
        }
    }

    /// <summary>Opens a page and checks it; false when it is not an HTML page of the hub (a download, a redirect elsewhere).</summary>
    private static async Task<bool> VisitAsync(IPage page, string path, string label, List<A11yFinding> findings, int? reflowWidth, string? from = null)
    {
        IResponse? response;
        try
        {
            response = await page.GotoAsync(path);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            return false;
        }

        if (response is null || !(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
        {
            return false;
        }

        if (response.Status >= 400)
        {
            // A link the role is shown must lead somewhere the role may go.
            findings.Add(new(label, "http", $"HTTP {response.Status} (linked from {from ?? "the menu"})"));
            return true;
        }

        findings.AddRange(await AccessibilitySupport.AxeAsync(page, label));
        findings.AddRange(await AccessibilitySupport.StructureAsync(page, label));
        if (reflowWidth is { } width)
        {
            findings.AddRange(await AccessibilitySupport.ReflowAsync(page, label, width));
        }

        return true;
    }

    /// <summary>Same-site page links in the header, the main content and the footer.</summary>
    private static async Task<IEnumerable<string>> LinksAsync(IPage page)
    {
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        var hrefs = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('header a[href], main a[href], footer a[href]')).filter(a => !a.hasAttribute('download')).map(a => a.href)");
        return hrefs
            .Where(h => h.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase))
            .Select(h => new Uri(h).PathAndQuery)
            .Where(p => !NeverFollow.Any(n => p.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
            .Distinct();
    }

    /// <summary>The main menu as the shell renders it for this role (ShellNavigation).</summary>
    private static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page)
    {
        var hrefs = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('header nav a[href]')).map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        return hrefs;
    }

    private static async Task SwitchToEnglishAsync(IPage page)
    {
        await page.GotoAsync("/Accessibility");
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }
}
