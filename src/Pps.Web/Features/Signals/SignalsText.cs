namespace Pps.Web.Features.Signals;

/// <summary>Marker for the resources of the signals and integrity pages (<c>Resources/Features/Signals/SignalsText.resx</c>).</summary>
public sealed class SignalsText;
