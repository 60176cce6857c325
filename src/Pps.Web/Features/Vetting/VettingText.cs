namespace Pps.Web.Features.Vetting;

/// <summary>Marker for the vetting texts (Resources/Features/Vetting/VettingText.resx).</summary>
public sealed class VettingText;
