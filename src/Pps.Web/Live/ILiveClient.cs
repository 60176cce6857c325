namespace Pps.Web.Live;

/// <summary>
/// Everything the browser can hear over <c>/hubs/live</c>. Each capability declares its own small client
/// interface in its folder and adds it here.
/// </summary>
public interface ILiveClient : ISystemClient, Pps.Web.Features.Meetings.IMeetingsClient
{
}

/// <summary>Messages about the connection itself.</summary>
public interface ISystemClient
{
    /// <summary>The server asks the client to reconnect (for example after a role change); the client catches up after.</summary>
    Task Reconnect(string reason);
}
