namespace Pps.Web.Live;

/// <summary>
/// Everything the browser can hear over <c>/hubs/live</c>. Each capability declares its own small client
/// interface in its folder and adds it here.
/// </summary>
public interface ILiveClient :
    ISystemClient,
    Pps.Web.Features.Noticeboards.INoticeboardsClient,
    Pps.Web.Features.Alerts.IAlertsClient,
    Pps.Web.Features.Meetings.IMeetingsClient,
    Pps.Web.Features.Signals.ISignalsClient,
    Pps.Web.Features.Benchmarks.IBenchmarkClient
{
}

/// <summary>Messages about the connection itself.</summary>
public interface ISystemClient
{
    /// <summary>The server asks the client to reconnect (for example after a role change); the client catches up after.</summary>
    Task Reconnect(string reason);

    /// <summary>
    /// The server may have missed sending this client something (for example while the backplane was down): the
    /// client runs its catch-up (the same as after a reconnect).
    /// </summary>
    Task CatchUp(string reason);

    /// <summary>
    /// The member signed out, or their rights changed (their security stamp rotated): the server closes this
    /// connection and will not accept it again with the old sign-in. The page reloads (and meets the log-in if needed).
    /// </summary>
    Task SessionEnded(string reason);
}
