namespace Pps.Web.Features.Watch;

/// <summary>Marker for the watch resource files (<c>Resources/Features/Watch/WatchText.resx</c>).</summary>
public sealed class WatchText;
