namespace Pps.Web.Features.Awareness;

/// <summary>Marker for the library texts in <c>Resources/Features/Awareness/AwarenessText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class AwarenessText;
