using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class SmokeTests(BrowserHub hub)
{
    [Fact]
    public async Task The_home_page_is_served_in_Dutch_and_is_accessible()
    {
        var page = await hub.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("PPS Hub");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OOV_logs_in_and_sees_the_dashboard()
    {
        var page = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(page, "oov@zoetermeer.demo");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
