using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

[Collection(TwoInstances.Collection)]
public sealed partial class TwoInstanceTests(TwoInstances two)
{
    [Fact]
    public async Task A_bearer_token_from_instance_A_works_on_instance_B()
    {
        using var a = new HttpClient { BaseAddress = two.A.BaseAddress };
        var login = await a.PostAsJsonAsync("/api/auth/login", new { email = "ez@zoetermeer.demo", password = "Pps-demo-2026!" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        using var b = new HttpClient { BaseAddress = two.B.BaseAddress };
        b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await b.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("ez@zoetermeer.demo", me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_member_logged_in_on_A_uses_the_pages_of_B()
    {
        var cookies = new CookieContainer();
        using var a = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = two.A.BaseAddress };
        var form = await a.GetStringAsync("/Account/Login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        var posted = await a.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "ondernemer.lansinghage@zoetermeer.demo",
            ["Password"] = "Pps-demo-2026!",
            ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // The same cookies, sent to the other instance (as a load balancer without sticky sessions would).
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        foreach (Cookie cookie in cookies.GetCookies(two.A.BaseAddress))
        {
            handler.CookieContainer.Add(two.B.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        using var b = new HttpClient(handler) { BaseAddress = two.B.BaseAddress };
        var dashboard = await b.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_database_blob_storage_and_backplane_on_both_instances()
    {
        foreach (var instance in new[] { two.A, two.B })
        {
            using var http = new HttpClient { BaseAddress = instance.BaseAddress };
            var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
            var checks = ready.GetProperty("checks");
            foreach (var name in new[] { "database", "blob-storage", "backplane" })
            {
                Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    public async Task Queued_email_is_sent_exactly_once_although_both_instances_run_the_mail_job()
    {
        var marker = "two-instances-" + Guid.NewGuid().ToString("N")[..8];
        await using (var conn = new NpgsqlConnection(two.PostgresConnectionString))
        {
            await conn.OpenAsync();
            for (var i = 0; i < 10; i++)
            {
                await using var cmd = new NpgsqlCommand(
                    "INSERT INTO \"OutboundEmails\" (\"To\", \"Subject\", \"TextBody\", \"QueuedAt\", \"Attempts\") VALUES (@to, @subject, 'body', now(), 0)", conn);
                cmd.Parameters.AddWithValue("to", $"{marker}-{i}@test.demo");
                cmd.Parameters.AddWithValue("subject", $"{marker} {i}");
                await cmd.ExecuteNonQueryAsync();
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && Received(marker) < 10)
        {
            await Task.Delay(250);
        }

        // Give the other instance time for a few more passes: nothing may be sent twice.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var subjects = TestSmtpServer.Instance.Messages.Where(m => m.Subject?.StartsWith(marker, StringComparison.Ordinal) == true).Select(m => m.Subject).ToList();
        Assert.Equal(10, subjects.Count);
        Assert.Equal(10, subjects.Distinct().Count());
    }

    private static int Received(string marker)
        => TestSmtpServer.Instance.Messages.Count(m => m.Subject?.StartsWith(marker, StringComparison.Ordinal) == true);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
