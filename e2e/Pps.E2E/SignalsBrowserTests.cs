using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

[Collection(BrowserHub.Collection)]
public sealed class SignalsBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task An_entrepreneur_reports_anonymously_with_a_photo_answers_OOVs_question_with_the_code_and_sees_the_case_closed()
    {
        // 1. The reporter, without an account, at /Melden on a phone-sized screen.
        var reporter = await hub.NewPageAsync(width: 360, height: 800);
        await reporter.GotoAsync("/Melden");
        await Assertions.Expect(reporter.GetByRole(AriaRole.Link, new() { Name = "www.meldmisdaadanoniem.nl" })).ToBeVisibleAsync();
        await Assertions.Expect(reporter.GetByText("Bel 112")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(reporter);

        var description = $"Geblindeerde ramen en 's nachts busjes bij hal 4 ({Guid.NewGuid():N})";
        await reporter.GetByLabel("Gemeente").SelectOptionAsync("zoetermeer");
        await reporter.GetByLabel("Categorie").SelectOptionAsync("property.blinded-windows");
        await reporter.GetByLabel("Wanneer zag je het?").FillAsync(DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await reporter.GetByLabel("Adres (optioneel)").FillAsync("Hal 4, Lansinghage");
        await reporter.GetByLabel("Wat heb je gezien?").FillAsync(description);
        await reporter.GetByLabel("Foto's (optioneel)").SetInputFilesAsync(new FilePayload { Name = "hal4.jpg", MimeType = "image/jpeg", Buffer = await JpegAsync(reporter) });
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Anoniem versturen" }).ClickAsync();

        var codeElement = reporter.Locator("#follow-up-code");
        await Assertions.Expect(codeElement).ToBeVisibleAsync();
        var code = (await codeElement.InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$", code);
        Assert.DoesNotContain(code, reporter.Url);

        // 2. OOV finds the case, sees the photo, and asks a question.
        var oov = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(oov, "oov@zoetermeer.demo");
        await Assertions.Expect(oov).ToHaveURLAsync(new Regex("/Dashboard"));
        await oov.GotoAsync("/Signals?category=property.blinded-windows");
        await oov.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(oov.GetByText(description)).ToBeVisibleAsync();
        await Assertions.Expect(oov.GetByRole(AriaRole.Img, new() { Name = "Foto 1 bij de melding" })).ToBeVisibleAsync();
        var caseUrl = oov.Url;
        await BrowserHub.AssertAccessibleAsync(oov);
        await oov.GetByLabel("Vraag", new() { Exact = true }).FillAsync("Welke kleur hadden de busjes?");
        await oov.GetByRole(AriaRole.Button, new() { Name = "Vraag versturen" }).ClickAsync();
        await Assertions.Expect(oov.Locator(".signal-status").First).ToContainTextAsync("Wacht op melder");

        // 3. The reporter opens the status page with the code (posted, never in the URL) and answers.
        await reporter.GotoAsync("/Melden/Status");
        await BrowserHub.AssertAccessibleAsync(reporter);
        await reporter.GetByLabel("Je persoonlijke code").FillAsync(code);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Status bekijken" }).ClickAsync();
        await Assertions.Expect(reporter.GetByText("Welke kleur hadden de busjes?")).ToBeVisibleAsync();
        await BrowserHub.AssertAccessibleAsync(reporter);
        await reporter.GetByLabel("Je antwoord").FillAsync("Wit, zonder logo.");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Antwoord versturen" }).ClickAsync();
        await Assertions.Expect(reporter.GetByText("Wit, zonder logo.")).ToBeVisibleAsync();
        Assert.DoesNotContain(code, reporter.Url);

        // 4. OOV sees the answer and closes the case with a result and a message for the reporter.
        await oov.GotoAsync(caseUrl);
        await Assertions.Expect(oov.GetByText("Wit, zonder logo.")).ToBeVisibleAsync();
        await oov.GetByLabel("Nieuwe status").SelectOptionAsync("Closed");
        await oov.GetByLabel("Resultaat (verplicht bij afsluiten, intern)").FillAsync("Doorgegeven aan de wijkagent; controle uitgevoerd.");
        await oov.GetByLabel("Bericht aan de melder (optioneel)").FillAsync("Dank je wel, er is actie ondernomen.");
        await oov.GetByRole(AriaRole.Button, new() { Name = "Status opslaan" }).ClickAsync();
        await Assertions.Expect(oov.Locator(".signal-status").First).ToContainTextAsync("Afgesloten");

        // 5. The reporter sees the case closed and the message, but not the internal result.
        await reporter.GotoAsync("/Melden/Status");
        await reporter.GetByLabel("Je persoonlijke code").FillAsync(code);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Status bekijken" }).ClickAsync();
        await Assertions.Expect(reporter.Locator(".signal-status")).ToContainTextAsync("Afgesloten");
        await Assertions.Expect(reporter.GetByText("Dank je wel, er is actie ondernomen.")).ToBeVisibleAsync();
        await Assertions.Expect(reporter.GetByText("wijkagent")).ToHaveCountAsync(0);

        await reporter.Context.CloseAsync();
        await oov.Context.CloseAsync();
    }

    /// <summary>A real JPEG drawn by the browser's own canvas.</summary>
    private static async Task<byte[]> JpegAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>("() => { const c = document.createElement('canvas'); c.width = 64; c.height = 48; const x = c.getContext('2d'); x.fillStyle = '#1e5aa0'; x.fillRect(0, 0, 64, 48); return c.toDataURL('image/jpeg', 0.9); }");
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
    }
}
