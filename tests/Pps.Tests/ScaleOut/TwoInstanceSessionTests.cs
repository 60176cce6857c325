using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.ScaleOut;

/// <summary>
/// A log-out on instance A ends the member's sessions on instance B too: B closes the member's hub connection itself
/// (the client here ignores <c>SessionEnded</c>, as a modified client would) and refuses the bearer token at once,
/// well inside the 30-second stamp cache lifetime — the rotation travels over the Redis session channel.
/// </summary>
[Collection(TwoInstances.Collection)]
public sealed partial class TwoInstanceSessionTests(TwoInstances two)
{
    // Logging out rotates the stamp and ends every session of the account; no other test of this collection uses it.
    private const string Member = "ro@zoetermeer.demo";
    private const string Password = AppProcess.DemoPassword;

    [Fact]
    public async Task Logging_out_on_A_closes_the_members_connection_on_B_and_B_refuses_the_old_token_at_once()
    {
        var token = await two.B.TokenForAsync(Member);
        using var api = new HttpClient { BaseAddress = two.B.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode); // B has the stamp cached now

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(two.B.BaseAddress, "/hubs/live"), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        live.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await live.StartAsync();
        await live.InvokeAsync("LeaveBoard", Guid.NewGuid());

        await LogOutInBrowserAsync(two.A, Member);

        // No handler for SessionEnded and no invocation: only the server can close this connection.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, live.State);

        // The eviction message may still be on its way to B when A answered the log-out; it arrives in milliseconds,
        // the cache lifetime it must beat is 30 seconds.
        var status = HttpStatusCode.OK;
        for (var i = 0; i < 50 && status != HttpStatusCode.Unauthorized; i++)
        {
            status = (await api.GetAsync("/api/me")).StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // A fresh sign-in works on either instance.
        using var again = new HttpClient { BaseAddress = two.B.BaseAddress };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await two.A.TokenForAsync(Member));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    private static async Task LogOutInBrowserAsync(AppProcess instance, string email)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = instance.BaseAddress };
        var login = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/Account/Login"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var logout = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/Account/Logout"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
    }

    private static async Task<string> AntiforgeryAsync(HttpClient browser, string page)
    {
        var match = AntiforgeryField().Match(await browser.GetStringAsync(page));
        Assert.True(match.Success, $"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
