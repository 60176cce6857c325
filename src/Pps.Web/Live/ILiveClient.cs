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
    Pps.Web.Features.Signals.ISignalsClient
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
}
