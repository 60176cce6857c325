using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Members;
using Pps.Web.Infrastructure.Email;

namespace Pps.Tests.Members;

internal static partial class MembersTestData
{
    public static string NewEmail(string prefix = "reg") => $"{prefix}{Guid.NewGuid():N}@test.demo";

    /// <summary>A password that satisfies the rules and is unique, so tests can search for it in stored rows.</summary>
    public static string NewPassword() => $"Pw-{Guid.NewGuid():N}"[..20] + "Aa1";

    public static async Task<Guid> TenantIdAsync(PpsApp app, string slug = "zoetermeer")
        => await app.WithDbAsync(async db => (await db.Tenants.SingleAsync(t => t.Slug == slug)).Id);

    public static async Task<Member> MemberAsync(PpsApp app, string email)
        => await app.WithDbAsync(async db => await db.Members.AsNoTracking().SingleAsync(m => m.Email == email));

    /// <summary>Sends the queued mail and returns the messages that reached the test SMTP server for <paramref name="email"/>.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailToAsync(PpsApp app, string email)
    {
        await app.RunJobAsync<SendQueuedEmailJob>();
        return app.Smtp.To(email);
    }

    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape("http://localhost" + path) + @"\?[^\s]+");
        Assert.True(match.Success, $"No link to {path} in: {message.TextBody}");
        return match.Value;
    }

    public static async Task<HttpResponseMessage> RegisterAsync(PpsApp app, object body)
    {
        using var client = app.AnonymousClient();
        return await client.PostAsJsonAsync("/api/members/registrations", body);
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string? body = null)
        => Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
}
