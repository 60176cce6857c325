namespace Pps.Web.Features.TwoFactorPolicy;

/// <summary>Marker for the texts in <c>Resources/Features/TwoFactorPolicy/TwoFactorPolicyText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class TwoFactorPolicyText;
