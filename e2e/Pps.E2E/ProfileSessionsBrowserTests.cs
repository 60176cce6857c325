using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// ASVS 7.5.2 in Chromium: the member's sessions page is axe-clean at desktop and phone width, marks this device, and
/// ends another browser's session by keyboard alone; that browser is signed out at its next page.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed partial class ProfileSessionsBrowserTests(BrowserHub hub)
{
    private const string Email = "politie@zoetermeer.demo";

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task The_sessions_page_is_accessible_and_ends_another_browsers_session_by_keyboard(int width)
    {
        var here = await hub.NewPageAsync(width);
        var elsewhere = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(here, Email);
        await BrowserHub.LogInAsync(elsewhere, Email);

        await here.GotoAsync("/Profile");
        await here.GetByRole(AriaRole.Link, new() { Name = "Waar u bent aangemeld", Exact = true }).ClickAsync();
        await Assertions.Expect(here.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Waar u bent aangemeld");
        await Assertions.Expect(here.Locator("#this-device")).ToHaveCountAsync(1);
        await BrowserHub.AssertAccessibleAsync(here);

        // The other browser signed in last: its row comes right after this device's.
        var end = here.GetByRole(AriaRole.Button, new() { NameRegex = SessionButton() }).First;
        await end.FocusAsync();
        await here.Keyboard.PressAsync("Enter");
        await Assertions.Expect(here.Locator("#sessions-message")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(here);

        await elsewhere.GotoAsync("/Dashboard");
        await Assertions.Expect(elsewhere).ToHaveURLAsync(new Regex("/Account/Login"));
        await here.GotoAsync("/Dashboard");
        await Assertions.Expect(here).ToHaveURLAsync(new Regex("/Dashboard$"));

        await here.Context.CloseAsync();
        await elsewhere.Context.CloseAsync();
    }

    [GeneratedRegex("^Sessie beëindigen: ")]
    private static partial Regex SessionButton();
}
