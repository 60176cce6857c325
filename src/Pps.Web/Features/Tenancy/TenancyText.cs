namespace Pps.Web.Features.Tenancy;

/// <summary>Marker for the administration texts in <c>Resources/Features/Tenancy/TenancyText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class TenancyText;
