namespace Pps.Web;

/// <summary>Marker for the shared interface texts in <c>Resources/SharedText.resx</c> (Dutch, the neutral language) and <c>SharedText.en.resx</c>.</summary>
public sealed class SharedText;
