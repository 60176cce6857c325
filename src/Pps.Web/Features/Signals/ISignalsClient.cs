namespace Pps.Web.Features.Signals;

/// <summary>What a desk's handlers hear over <c>/hubs/live</c> (the group of the desk's role in their tenant).</summary>
public interface ISignalsClient
{
    /// <summary>A case of the desk arrived or changed; the case list fetches itself again (and audits that read).</summary>
    Task SignalChanged(SignalLiveMessage change);
}

/// <summary>
/// Deliberately thin: ids, category and status only. No reporter, no text, no location, no names — a browser that
/// needs more reads the case through the audited pages.
/// </summary>
/// <param name="Route"><c>signal</c> or <c>integrity</c> on the wire: one member may handle both desks.</param>
public sealed record SignalLiveMessage(Guid Id, SignalRoute Route, string Category, SignalStatus Status, bool IsNew);
