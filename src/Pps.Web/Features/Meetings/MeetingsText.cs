namespace Pps.Web.Features.Meetings;

/// <summary>Marker for the meetings resource files (<c>Resources/Features/Meetings/MeetingsText.resx</c>).</summary>
public sealed class MeetingsText;
