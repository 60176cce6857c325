namespace Pps.Web.Features.Reach;

/// <summary>Marker for the Reach resource files.</summary>
public sealed class ReachText;
