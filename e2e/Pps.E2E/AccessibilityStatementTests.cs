using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>
/// The accessibility statement has what the Dutch government's model statement asks for (digitoegankelijk.nl):
/// who is responsible, what it covers, the compliance status A–E, how it was tested, the known limitations, the
/// planning to solve them, a way to give feedback with a response time, where to escalate, and its date — in
/// Dutch and in English.
/// </summary>
[Collection(BrowserHub.Collection)]
public sealed partial class AccessibilityStatementTests(BrowserHub hub)
{
    [Theory]
    [InlineData("nl", "Toegankelijkheidsverklaring", new[] { "Status", "Waar gaat deze verklaring over?", "Hoe is dit getest?", "Bekende beperkingen", "Planning", "Contact en feedback" }, "opgesteld op", "Laatst herzien op")]
    [InlineData("en", "Accessibility statement", new[] { "Status", "What does this statement cover?", "How was this tested?", "Known limitations", "Planning", "Contact and feedback" }, "drawn up on", "Last reviewed on")]
    public async Task The_statement_follows_the_government_model_in_both_languages(string language, string title, string[] sections, string drawnUp, string reviewed)
    {
        var page = await hub.NewPageAsync();
        await page.GotoAsync("/Accessibility");
        if (language == "en")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        foreach (var section in sections)
        {
            await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, Name = section, Exact = true })).ToHaveCountAsync(1);
        }

        // Status: one of the model's letters with its meaning.
        await Assertions.Expect(main.Locator(".status-label")).ToHaveTextAsync(StatusLetter());

        // Limitations and planning are lists with real content, and the planning names dates.
        var limitations = main.GetByRole(AriaRole.Heading, new() { Name = sections[3], Exact = true }).Locator("xpath=following-sibling::ul[1]/li");
        Assert.True(await limitations.CountAsync() >= 3, "fewer than three known limitations");
        var planning = main.GetByRole(AriaRole.Heading, new() { Name = "Planning", Exact = true }).Locator("xpath=following-sibling::ul[1]");
        await Assertions.Expect(planning).ToContainTextAsync(FullDate());

        // Contact: an e-mail address, a response time, and the ombudsman to escalate to.
        await Assertions.Expect(main.Locator("a[href^='mailto:']")).ToHaveCountAsync(1);
        await Assertions.Expect(main).ToContainTextAsync(language == "nl" ? "5 werkdagen" : "5 working days");
        await Assertions.Expect(main.Locator("a[href*='nationaleombudsman.nl']")).ToHaveCountAsync(1);

        // Dated: when it was drawn up and last reviewed.
        await Assertions.Expect(main).ToContainTextAsync(new Regex(Regex.Escape(drawnUp) + @" \d{1,2} \w+ 20\d\d"));
        await Assertions.Expect(main).ToContainTextAsync(new Regex(Regex.Escape(reviewed) + @" \d{1,2} \w+ 20\d\d"));

        await BrowserHub.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^[A-E] – \S")]
    private static partial Regex StatusLetter();

    [GeneratedRegex(@"\d{1,2} \w+ 20\d\d")]
    private static partial Regex FullDate();
}
