using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class AlertsBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task The_board_posts_an_urgent_alert_the_entrepreneur_sees_it_live_and_acknowledges_and_the_receipts_update_live()
    {
        var entrepreneur = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(entrepreneur, "ondernemer.lansinghage@zoetermeer.demo");
        await entrepreneur.GotoAsync("/Alerts");
        await Assertions.Expect(entrepreneur.Locator("html[data-live='connected']")).ToHaveCountAsync(1);
        await BrowserHub.AssertAccessibleAsync(entrepreneur);

        var board = await hub.NewPageAsync(width: 360);
        await BrowserHub.LogInAsync(board, "bestuur.lansinghage@zoetermeer.demo");
        await board.GotoAsync("/Alerts/New");
        await BrowserHub.AssertAccessibleAsync(board);
        var title = $"Verdachte bus {Guid.NewGuid():N}"[..24];
        await board.GetByLabel("Titel").FillAsync(title);
        await board.GetByLabel("Bericht").FillAsync("Een witte bus rijdt langzaam langs de panden. Let op en bel 112 bij inbraak.");
        await board.GetByLabel("Dringend").CheckAsync();
        await board.GetByLabel("Lansinghage", new() { Exact = true }).CheckAsync();
        await board.GetByLabel("Bevestiging vragen").CheckAsync();
        await board.GetByRole(AriaRole.Button, new() { Name = "Melding versturen" }).ClickAsync();
        await Assertions.Expect(board).ToHaveURLAsync(new Regex("/Alerts/[0-9a-f-]{36}$"));
        await Assertions.Expect(board.Locator("html[data-live='connected']")).ToHaveCountAsync(1);
        var acknowledged = board.Locator("[data-receipt-count='acknowledged']");
        await Assertions.Expect(acknowledged).ToHaveTextAsync("0");
        var missing = board.Locator("[data-receipt-missing]");
        await Assertions.Expect(missing).ToContainTextAsync("Olaf Ondernemer");
        await BrowserHub.AssertAccessibleAsync(board);

        // Without a reload: the alert appears at the top, as an alert (urgent), exactly once.
        var item = entrepreneur.GetByRole(AriaRole.Alert).Filter(new() { HasText = title });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(entrepreneur.Locator("[data-alerts-list] > li").First).ToContainTextAsync(title);
        await Assertions.Expect(entrepreneur.Locator("[data-alerts-unread-count]")).Not.ToHaveTextAsync("0");
        await BrowserHub.AssertAccessibleAsync(entrepreneur);

        // The push does not move the catch-up checkpoint (a push can overtake an earlier alert's push; a checkpoint
        // moved by it would make the next catch-up skip the earlier alert). Only a catch-up's answer moves it.
        var pushedSequence = long.Parse((await entrepreneur.Locator("[data-alerts-list] > li").Filter(new() { HasText = title }).GetAttributeAsync("data-alert-sequence"))!);
        Assert.True(await CheckpointAsync(entrepreneur) < pushedSequence, "a pushed alert moved the catch-up checkpoint");
        await item.GetByRole(AriaRole.Button, new() { Name = "Gezien, bevestigen" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("Bevestigd");

        // The board's receipt list follows, live.
        await Assertions.Expect(acknowledged).ToHaveTextAsync("1");
        await Assertions.Expect(missing).Not.ToContainTextAsync("Olaf Ondernemer");
        await Assertions.Expect(board.Locator("[data-receipt-count='delivered']")).Not.ToHaveTextAsync("0");

        // After a reload the alert is still shown once and stays acknowledged (no duplicate from catch-up).
        await entrepreneur.ReloadAsync();
        await Assertions.Expect(entrepreneur.Locator("html[data-live='connected']")).ToHaveCountAsync(1);
        await Assertions.Expect(entrepreneur.Locator("[data-alerts-list] > li").Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await entrepreneur.WaitForFunctionAsync(
            "s => parseInt(localStorage.getItem('pps.alerts.checkpoint.' + document.querySelector('[data-alerts-page]').dataset.member) || '0', 10) >= s",
            pushedSequence);

        await entrepreneur.Context.CloseAsync();
        await board.Context.CloseAsync();
    }

    private static Task<long> CheckpointAsync(IPage page) => page.EvaluateAsync<long>(
        "() => parseInt(localStorage.getItem('pps.alerts.checkpoint.' + document.querySelector('[data-alerts-page]').dataset.member) || '0', 10)");

    [Fact]
    public async Task The_preferences_page_saves_without_javascript_and_is_accessible()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, "ondernemer.rokkeveen@zoetermeer.demo");
        await page.GotoAsync("/Alerts/Preferences");
        await page.GetByLabel("Waarschuwing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("opgeslagen");
        await Assertions.Expect(page.GetByLabel("Waarschuwing")).ToBeCheckedAsync();
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
