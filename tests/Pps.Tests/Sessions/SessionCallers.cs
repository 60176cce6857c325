using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Pps.Tests.Infrastructure;
using Pps.Web.Features.Tenancy;
using Pps.Web.Live;

namespace Pps.Tests.Sessions;

/// <summary>Fresh sign-ins (never the fixture's cached tokens): each is a session of its own.</summary>
internal static class SessionCallers
{
    public sealed record Tokens(string Access, string Refresh);

    public static async Task<Tokens> LoginAsync(PpsApp app, string email, string userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
    {
        using var client = app.AnonymousClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    public static HttpClient Bearer(PpsApp app, string accessToken)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<HttpClient> BearerAsync(PpsApp app, string email) => Bearer(app, (await LoginAsync(app, email)).Access);

    public static async Task<JsonElement[]> SessionsAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement[]>("/api/me/sessions"))!;

    public static async Task<Guid> CurrentSessionAsync(HttpClient client)
        => (await SessionsAsync(client)).Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

    /// <summary>A hub connection with the given token, watching for SessionEnded and the close.</summary>
    public static async Task<WatchedConnection> ConnectAsync(PpsApp app, string accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await app.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .Build();
        return await WatchAsync(connection);
    }

    /// <summary>Starts a built, not yet started hub connection, watching for SessionEnded and the close.</summary>
    public static async Task<WatchedConnection> WatchAsync(HubConnection connection)
    {
        var watched = new WatchedConnection(connection);
        connection.On<string>("SessionEnded", reason => watched.SessionEnded.TrySetResult(reason));
        connection.Closed += _ =>
        {
            watched.Closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        // The server registers the connection for closing in its OnConnectedAsync, which may finish just after the
        // client's start; a first invocation is answered only after it.
        await connection.InvokeAsync("LeaveBoard", Guid.NewGuid());
        return watched;
    }

    internal sealed class WatchedConnection(HubConnection connection) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;

        public TaskCompletionSource<string> SessionEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
