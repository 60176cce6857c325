using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Pps.E2E.Infrastructure;

namespace Pps.E2E;

/// <summary>A member whose municipality requires two-factor log-in is sent to enrol, on a phone-sized screen, and the page is accessible.</summary>
[Collection(BrowserHub.Collection)]
public sealed class TwoFactorPolicyBrowserTests(BrowserHub hub)
{
    [Fact]
    public async Task A_member_who_must_enrol_lands_on_the_enrolment_page_after_log_in_and_it_is_accessible()
    {
        // A municipality of its own (the demo municipalities stay on "not required"), set up by the platform administrator.
        using var api = new HttpClient { BaseAddress = hub.App.BaseAddress };
        using (var login = await api.PostAsJsonAsync("/api/auth/login", new { email = "admin@pps.demo", password = BrowserHub.Password }))
        {
            login.EnsureSuccessStatusCode();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        }

        var slug = $"e2e-2fa-{Guid.NewGuid():N}"[..20];
        Guid tenantId;
        using (var created = await api.PostAsJsonAsync("/api/admin/tenants/", new { name = "E2E " + slug, slug }))
        {
            created.EnsureSuccessStatusCode();
            tenantId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        using (var policy = await api.PutAsJsonAsync($"/api/tenants/{tenantId}/two-factor-policy", new { requirement = "everyone", graceDays = 0 }))
        {
            policy.EnsureSuccessStatusCode();
        }

        var email = $"e2e{Guid.NewGuid():N}@test.demo";
        var password = $"Pw-{Guid.NewGuid():N}"[..20] + "Aa1";
        using (var anonymous = new HttpClient { BaseAddress = hub.App.BaseAddress })
        using (var registered = await anonymous.PostAsJsonAsync("/api/members/registrations", new { email, password, displayName = "E2E Twee Stappen", tenantId }))
        {
            registered.EnsureSuccessStatusCode();
        }

        var page = await hub.NewPageAsync(360);
        try
        {
            await BrowserHub.LogInAsync(page, email, password);
            await page.WaitForURLAsync("**/Profile/TwoFactor");
            var main = page.GetByRole(AriaRole.Main);
            await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#twofactor-required")).ToContainTextAsync("alle leden");
            await Assertions.Expect(main.GetByLabel("Code uit je authenticator-app (6 cijfers)")).ToBeVisibleAsync();
            await BrowserHub.AssertAccessibleAsync(page);

            // Any other page sends the member back here.
            await page.GotoAsync("/Alerts");
            await page.WaitForURLAsync("**/Profile/TwoFactor");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_tenant_administrators_policy_page_is_accessible_and_shows_the_demo_municipality_not_requiring_it()
    {
        var page = await hub.NewPageAsync(360);
        try
        {
            await BrowserHub.LogInAsync(page, "oov@zoetermeer.demo");
            await page.WaitForURLAsync("**/Dashboard");
            await page.GotoAsync("/Admin/TwoFactor");
            var main = page.GetByRole(AriaRole.Main);
            await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen in twee stappen");
            // The demo municipality stays on "not required" (the demo accounts keep working); this test only looks.
            await Assertions.Expect(main.GetByLabel("niet verplicht", new() { Exact = true })).ToBeCheckedAsync();
            await Assertions.Expect(main.GetByLabel("verplicht voor iedereen", new() { Exact = true })).ToBeVisibleAsync();
            await BrowserHub.AssertAccessibleAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
