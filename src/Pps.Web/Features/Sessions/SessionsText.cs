namespace Pps.Web.Features.Sessions;

/// <summary>Marker for the session pages' resource files (Resources/Features/Sessions/SessionsText.resx).</summary>
public sealed class SessionsText;
