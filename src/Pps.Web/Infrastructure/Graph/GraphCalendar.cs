using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Authentication.Azure;

namespace Pps.Web.Infrastructure.Graph;

/// <summary>Configuration section <c>Graph</c>: Microsoft Graph with client credentials (application permission Calendars.ReadWrite). Off by default.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public bool Enabled { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The Graph endpoint; tests point it at a local stand-in.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
}

/// <summary>An event as the hub sends it to Outlook.</summary>
public sealed record GraphEventData(string Subject, string BodyHtml, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string? Location, IReadOnlyList<string> AttendeeEmails);

/// <summary>The organiser's Outlook calendar, through Microsoft Graph.</summary>
public interface IGraphCalendar
{
    bool Enabled { get; }

    /// <summary>Creates the event as a Teams meeting; returns the event id and the Teams join URL.</summary>
    Task<(string EventId, string? JoinUrl)> CreateAsync(string userId, GraphEventData data, CancellationToken ct);

    Task<string?> UpdateAsync(string userId, string eventId, GraphEventData data, CancellationToken ct);

    Task CancelAsync(string userId, string eventId, string comment, CancellationToken ct);
}

internal sealed class GraphCalendar(IOptions<GraphOptions> options, TokenCredential credential) : IGraphCalendar
{
    private static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];

    private GraphServiceClient? _client;

    public bool Enabled => options.Value.Enabled;

    public async Task<(string EventId, string? JoinUrl)> CreateAsync(string userId, GraphEventData data, CancellationToken ct)
    {
        var created = await Client.Users[userId].Events.PostAsync(ToEvent(data, includeOnline: true), cancellationToken: ct)
            ?? throw new InvalidOperationException("Graph returned no event.");
        return (created.Id ?? throw new InvalidOperationException("Graph returned an event without id."), created.OnlineMeeting?.JoinUrl);
    }

    public async Task<string?> UpdateAsync(string userId, string eventId, GraphEventData data, CancellationToken ct)
    {
        var updated = await Client.Users[userId].Events[eventId].PatchAsync(ToEvent(data, includeOnline: false), cancellationToken: ct);
        return updated?.OnlineMeeting?.JoinUrl;
    }

    public Task CancelAsync(string userId, string eventId, string comment, CancellationToken ct)
        => Client.Users[userId].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment }, cancellationToken: ct);

    private GraphServiceClient Client => _client ??= Build();

    private GraphServiceClient Build()
    {
        // Our own job retries with back-off and records the state; the SDK's retry handler would only hide
        // failures behind long in-request waits.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not Microsoft.Kiota.Http.HttpClientLibrary.Middleware.RetryHandler).ToList();
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = TimeSpan.FromSeconds(30);
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [new Uri(options.Value.BaseUrl).Host], scopes: Scopes);
        return new GraphServiceClient(http, auth, options.Value.BaseUrl);
    }

    private static Event ToEvent(GraphEventData data, bool includeOnline)
    {
        var evt = new Event
        {
            Subject = data.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = data.BodyHtml },
            Start = new DateTimeTimeZone { DateTime = data.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = data.EndUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" },
            Location = data.Location is null ? null : new Location { DisplayName = data.Location },
            Attendees = data.AttendeeEmails.Select(e => new Attendee { EmailAddress = new EmailAddress { Address = e }, Type = AttendeeType.Required }).ToList(),
        };
        if (includeOnline)
        {
            evt.IsOnlineMeeting = true;
            evt.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        return evt;
    }
}

public static class GraphSetup
{
    public static IServiceCollection AddGraphCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphOptions>(configuration.GetSection(GraphOptions.Section));
        // Production uses the client secret; tests replace the credential with one that returns a fixed token.
        services.TryAddSingleton<TokenCredential>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            return new ClientSecretCredential(o.TenantId ?? "common", o.ClientId ?? "unset", o.ClientSecret ?? "unset");
        });
        services.AddSingleton<IGraphCalendar, GraphCalendar>();
        return services;
    }
}
