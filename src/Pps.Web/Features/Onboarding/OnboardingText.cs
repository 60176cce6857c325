namespace Pps.Web.Features.Onboarding;

/// <summary>Marker for the onboarding texts in <c>Resources/Features/Onboarding/OnboardingText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class OnboardingText;
