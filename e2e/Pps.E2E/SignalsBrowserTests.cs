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

    [Fact]
    public async Task A_member_marks_the_spot_on_the_estate_map_with_a_click_and_the_keyboard_and_the_OOV_list_shows_the_new_case_live()
    {
        // The OOV has the case list open before the report is made: the new case must appear without a reload.
        var oov = await hub.NewPageAsync();
        await BrowserHub.LogInAsync(oov, "oov@zoetermeer.demo");
        await Assertions.Expect(oov).ToHaveURLAsync(new Regex("/Dashboard"));
        await oov.GotoAsync("/Signals");
        await Assertions.Expect(oov.Locator("html[data-live='connected']")).ToHaveCountAsync(1);
        await BrowserHub.AssertAccessibleAsync(oov);

        var reporter = await hub.NewPageAsync(width: 360, height: 800);
        await BrowserHub.LogInAsync(reporter, "ondernemer.lansinghage@zoetermeer.demo");
        await Assertions.Expect(reporter).ToHaveURLAsync(new Regex("/Dashboard"));
        await reporter.GotoAsync("/Signals/Report");
        var description = $"Zware stroomkabels naar een loods zonder bedrijf ({Guid.NewGuid():N})";
        await reporter.GetByLabel("Categorie").SelectOptionAsync("activity.power-use");
        await reporter.GetByLabel("Wanneer zag je het?").FillAsync(DateTime.Now.AddHours(-5).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await reporter.GetByLabel("Bedrijventerrein", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Lansinghage" });

        var map = reporter.GetByRole(AriaRole.Application, new() { Name = "Kaart van Lansinghage: wijs de plek aan" });
        await Assertions.Expect(map).ToBeVisibleAsync();
        await map.ClickAsync();
        var latitude = reporter.GetByLabel("Breedtegraad");
        var longitude = reporter.GetByLabel("Lengtegraad");
        await Assertions.Expect(latitude).ToHaveValueAsync(new Regex(@"^52\.0[34]\d+$"));
        await Assertions.Expect(longitude).ToHaveValueAsync(new Regex(@"^4\.4[56]\d+$"));
        var clicked = double.Parse(await latitude.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // The keyboard does the same: the focused map moves the pin north with the up arrow.
        await map.FocusAsync();
        await reporter.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(latitude).Not.ToHaveValueAsync(clicked.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
        var moved = double.Parse(await latitude.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(moved > clicked, $"{moved} should lie north of {clicked}");
        await BrowserHub.AssertAccessibleAsync(reporter);

        await reporter.GetByLabel("Wat heb je gezien?").FillAsync(description);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Melding versturen", Exact = true }).ClickAsync();
        await Assertions.Expect(reporter).ToHaveURLAsync(new Regex("/Signals/Mine"));

        // The list refetched itself on the live message and marks the new case.
        var fresh = oov.Locator("#case-list tr.is-new");
        await Assertions.Expect(fresh).ToHaveCountAsync(1);
        await Assertions.Expect(oov.GetByRole(AriaRole.Status).Filter(new() { HasText = "De lijst is bijgewerkt" })).ToHaveCountAsync(1);
        await BrowserHub.AssertAccessibleAsync(oov);
        await fresh.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(oov.GetByText(description)).ToBeVisibleAsync();
        await Assertions.Expect(oov.Locator("dd", new() { HasText = moved.ToString("F5", System.Globalization.CultureInfo.InvariantCulture) })).ToHaveCountAsync(1);

        await reporter.Context.CloseAsync();
        await oov.Context.CloseAsync();
    }

    [Fact]
    public async Task An_anonymous_reporter_picks_a_spot_on_the_map_of_another_municipality_and_the_municipality_follows_the_estate()
    {
        var reporter = await hub.NewPageAsync(width: 360, height: 800);
        await reporter.GotoAsync("/Melden");
        await Assertions.Expect(reporter.Locator("#unitId")).ToHaveCountAsync(0);
        await reporter.GetByLabel("Categorie").SelectOptionAsync("activity.waste-dumping");
        await reporter.GetByLabel("Wanneer zag je het?").FillAsync(DateTime.Now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await reporter.GetByLabel("Bedrijventerrein", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Boezem-Oost" });
        await Assertions.Expect(reporter.GetByLabel("Gemeente")).ToHaveValueAsync("pijnacker-nootdorp");

        var map = reporter.GetByRole(AriaRole.Application, new() { Name = "Kaart van Boezem-Oost: wijs de plek aan" });
        await map.ClickAsync();
        await Assertions.Expect(reporter.GetByLabel("Breedtegraad")).ToHaveValueAsync(new Regex(@"^52\.01\d+$"));
        await Assertions.Expect(reporter.GetByLabel("Lengtegraad")).ToHaveValueAsync(new Regex(@"^4\.4[34]\d+$"));
        await BrowserHub.AssertAccessibleAsync(reporter);

        await reporter.GetByLabel("Wat heb je gezien?").FillAsync($"Vaten gedumpt achter de loods ({Guid.NewGuid():N})");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Anoniem versturen" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("#follow-up-code")).ToBeVisibleAsync();
        await reporter.Context.CloseAsync();
    }

    /// <summary>A real JPEG drawn by the browser's own canvas.</summary>
    private static async Task<byte[]> JpegAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>("() => { const c = document.createElement('canvas'); c.width = 64; c.height = 48; const x = c.getContext('2d'); x.fillStyle = '#1e5aa0'; x.fillRect(0, 0, 64, 48); return c.toDataURL('image/jpeg', 0.9); }");
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
    }
}
