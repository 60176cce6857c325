using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Pps.Tests.Infrastructure;

namespace Pps.Tests.Members;

/// <summary>A browser-like client for the Razor Pages: keeps cookies, reads the antiforgery token from each form page, posts forms.</summary>
internal sealed partial class PageSession(PpsApp app) : IDisposable
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Client => _client;

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="page"/> for its antiforgery token, then posts the fields to <paramref name="action"/> (default: the page itself).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, IDictionary<string, string> fields, string? action = null)
    {
        var (_, html) = await GetAsync(page);
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await _client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    /// <summary>Logs in through the login page; returns the redirect target (or null when the page was shown again).</summary>
    public async Task<string?> LoginAsync(string email, string password)
    {
        using var response = await PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.OriginalString : null;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
