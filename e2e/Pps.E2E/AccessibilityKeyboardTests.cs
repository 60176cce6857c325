using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// The main tasks with the keyboard alone: no clicks, no filling by locator — only Tab, Enter, Space, arrows and
/// typed characters, as someone without a mouse works. Each step checks that the focused element shows a visible
/// focus indicator, is on screen, and that Tab moves forward through the page in reading order. Set-up that is not
/// under test (another member posting an alert) may use the mouse.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed partial class AccessibilityKeyboardTests(BrowserHub hub)
{
    private const string Entrepreneur = "ondernemer.lansinghage@zoetermeer.demo";

    [Fact]
    public async Task A_member_logs_in_with_the_keyboard_alone_starting_from_the_skip_link()
    {
        var page = await hub.NewPageAsync();
        var keys = new KeyboardWalk(page);
        await page.GotoAsync("/");
        await keys.SkipToContentAsync();

        // Back to the top: the log-in link sits in the header, after the skip link, the brand and the language switch.
        await page.GotoAsync("/");
        keys.Restart();
        await keys.TabToAsync(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Inloggen", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));

        keys.Restart();
        await keys.SkipToContentAsync();
        await keys.TabToAsync(page.GetByLabel("E-mailadres", new() { Exact = true }));
        await page.Keyboard.TypeAsync(Entrepreneur);
        await keys.TabAsync();
        await Assertions.Expect(page.GetByLabel("Wachtwoord", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(BrowserHub.Password);
        await keys.TabAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard(#main)?$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn overzicht");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_posts_on_a_noticeboard_with_the_keyboard_alone()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, Entrepreneur);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        var keys = new KeyboardWalk(page);
        await page.GotoAsync("/Boards");
        await keys.SkipToContentAsync();
        await keys.TabToAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Prikbord Lansinghage", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Boards/[0-9a-f-]{36}(#main)?$"));

        var title = "Toetsenbord " + Guid.NewGuid().ToString("N")[..8];
        keys.Restart();
        await keys.SkipToContentAsync();
        await keys.TabToAsync(page.GetByLabel("Titel", new() { Exact = true }));
        await page.Keyboard.TypeAsync(title);
        await keys.TabAsync();
        await Assertions.Expect(page.GetByLabel("Bericht", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("De poort aan de achterkant stond vanochtend open. Graag even controleren.");
        await keys.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Plaatsen", Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByText(title)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_acknowledges_an_alert_with_the_keyboard_alone_and_keeps_their_place()
    {
        var title = "Bevestig met toetsen " + Guid.NewGuid().ToString("N")[..6];
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, Entrepreneur);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await page.GotoAsync("/Alerts");
        await Assertions.Expect(page.Locator("html[data-live='connected']")).ToHaveCountAsync(1);

        // The alert arrives while the page is open (pushed live), as it usually does.
        await AccessibilitySupport.PostAlertAsync(hub, title, requiresAcknowledgement: true);
        var item = page.Locator("[data-alerts-list] > li").Filter(new() { HasText = title });
        await Assertions.Expect(item).ToHaveCountAsync(1);

        var keys = new KeyboardWalk(page);
        await keys.SkipToContentAsync();
        await keys.TabToAsync(item.GetByRole(AriaRole.Button, new() { Name = "Gezien, bevestigen" }));
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(item).ToContainTextAsync("Bevestigd");

        // The button is gone; focus must not fall back to the top of the page.
        var focusInItem = await item.EvaluateAsync<bool>("li => li.contains(document.activeElement)");
        Assert.True(focusInItem, "after acknowledging, focus left the alert: " + await KeyboardWalk.DescribeFocusAsync(page));

        // After a reload (or without JavaScript) it stays acknowledged.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-alerts-list] > li").Filter(new() { HasText = title })).ToContainTextAsync("Bevestigd");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_reports_a_signal_with_the_keyboard_alone()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, Entrepreneur);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Dashboard$"));
        await page.GotoAsync("/Signals/Mine");
        var cases = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Region);
        var before = await cases.CountAsync();
        await page.GotoAsync("/Signals/Report");
        await FillSignalWithKeysAsync(page, "Met het toetsenbord gemeld: busje zonder kenteken bij unit 4.", municipality: false);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Signals/Mine(#main)?$"));
        await Assertions.Expect(cases).ToHaveCountAsync(before + 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Someone_without_an_account_reports_anonymously_with_the_keyboard_alone()
    {
        var page = await hub.NewPageAsync();
        await page.GotoAsync("/Melden");
        await FillSignalWithKeysAsync(page, "Anoniem met het toetsenbord: nachtelijk laden en lossen bij een leeg pand.", municipality: true);
        var thanks = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(thanks).ToContainTextAsync("Bedankt voor je melding");
        await Assertions.Expect(page.Locator("#follow-up-code")).Not.ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_focused_control_gets_a_visible_outline_from_the_focus_visible_rule()
    {
        var page = await hub.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        var rule = await page.EvaluateAsync<string?>("""
            () => {
              for (const sheet of document.styleSheets) {
                let rules;
                try { rules = sheet.cssRules; } catch { continue; }
                for (const r of rules) {
                  if (r.selectorText && r.selectorText.includes(':focus-visible') && /(^|;)\s*outline(-style)?\s*:(?!\s*(none|0))/.test(r.style.cssText)) {
                    return r.selectorText + ' { ' + r.style.cssText + ' }';
                  }
                }
              }
              return null;
            }
            """);
        Assert.False(rule is null, "no :focus-visible rule with an outline in the site's style sheets");

        // Every stop from the top of the log-in page to the log-in button shows it.
        var keys = new KeyboardWalk(page);
        await keys.TabToAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }));
        Assert.True(keys.Stops.Count >= 5, "the walk should pass the header and the form: " + string.Join(" → ", keys.Stops));
        await page.Context.CloseAsync();
    }

    /// <summary>The shared report form (member and anonymous), by keyboard: choose with arrows, type the date and time, send with Enter.</summary>
    private static async Task FillSignalWithKeysAsync(IPage page, string description, bool municipality)
    {
        var keys = new KeyboardWalk(page);
        await keys.SkipToContentAsync();
        if (municipality)
        {
            // The first municipality is already chosen; the walk passes it.
            await keys.TabToAsync(page.GetByLabel("Gemeente", new() { Exact = true }));
        }

        var category = page.GetByLabel("Categorie", new() { Exact = true });
        await keys.TabToAsync(category);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.False(string.IsNullOrEmpty(await category.InputValueAsync()), "the arrow key did not choose a category");

        await keys.TabAsync();
        var seenAt = page.GetByLabel("Wanneer zag je het?", new() { Exact = true });
        await Assertions.Expect(seenAt).ToBeFocusedAsync();
        // A date-time field takes its parts as typed digits, Tab moving between the parts. Their order is the browser's,
        // not the page's: Debian's Chromium runs in en-US, so month, day, year, then hour, minute and AM/PM.
        var when = DateTime.Now.Date.AddDays(-1).AddHours(10).AddMinutes(30);
        await page.Keyboard.TypeAsync(when.ToString("MMddyyyy", CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(when.ToString("hhmm", CultureInfo.InvariantCulture) + "A");
        await Assertions.Expect(seenAt).ToHaveValueAsync(when.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        await keys.TabToAsync(page.GetByLabel("Wat heb je gezien?", new() { Exact = true }));
        await page.Keyboard.TypeAsync(description);
        await keys.TabToAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Melding versturen|Anoniem versturen)$") }));
        await page.Keyboard.PressAsync("Enter");
    }
}

/// <summary>
/// Tab through a page and check every stop: a visible focus indicator (outline or ring), on screen, and later in the
/// document than the stop before (reading order; the skip link's jump to main counts as moving forward).
/// </summary>
internal sealed class KeyboardWalk(IPage page)
{
    private const int MaxStops = 120;

    private int _lastIndex = -1;

    public List<string> Stops { get; } = [];

    /// <summary>After a navigation the walk starts again from the top.</summary>
    public void Restart()
    {
        _lastIndex = -1;
        Stops.Clear();
    }

    /// <summary>The first Tab on a page reaches the skip link; Enter moves focus to the main content.</summary>
    public async Task SkipToContentAsync()
    {
        await TabAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        _lastIndex = await page.EvaluateAsync<int>("() => Array.prototype.indexOf.call(document.getElementsByTagName('*'), document.getElementById('main'))");
    }

    /// <summary>Presses Tab until the target has focus, checking each stop on the way.</summary>
    public async Task TabToAsync(ILocator target)
    {
        for (var i = 0; i < MaxStops; i++)
        {
            await TabAsync();
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{MaxStops} presses of Tab did not reach the target on {page.Url}; stops: {string.Join(" → ", Stops)}");
    }

    /// <summary>One Tab, and the checks on where it landed.</summary>
    public async Task TabAsync()
    {
        await page.Keyboard.PressAsync("Tab");
        var stop = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => {
              const e = document.activeElement;
              if (!e || e === document.body) return { description: 'body', index: -1, indicator: false, onScreen: false };
              const s = getComputedStyle(e);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
              const ring = s.boxShadow && s.boxShadow !== 'none';
              const r = e.getBoundingClientRect();
              const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
              const name = (e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent || e.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
              return {
                description: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (name ? ' "' + name + '"' : ''),
                index: Array.prototype.indexOf.call(document.getElementsByTagName('*'), e),
                indicator: outline || ring,
                onScreen,
              };
            }
            """);
        var description = stop.GetProperty("description").GetString() ?? "";
        var index = stop.GetProperty("index").GetInt32();
        Stops.Add(description);
        Assert.True(index >= 0, $"Tab left the page's controls on {page.Url} after {string.Join(" → ", Stops)}");
        Assert.True(stop.GetProperty("indicator").GetBoolean(), $"{description} on {page.Url} has focus but no visible focus indicator");
        Assert.True(stop.GetProperty("onScreen").GetBoolean(), $"{description} on {page.Url} has focus but is not on screen");
        // The same element again is Tab moving between the parts of a date or time field.
        Assert.True(index >= _lastIndex, $"Tab went backwards to {description} on {page.Url}: {string.Join(" → ", Stops)}");
        Assert.False(Stops.Count > 8 && Stops.TakeLast(8).Distinct().Count() == 1, $"focus is stuck on {description} on {page.Url}");
        _lastIndex = index;
    }

    public static Task<string> DescribeFocusAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.className || '') : 'none'; }");
}
