namespace Pps.Web.Features.Members;

/// <summary>Marker for the identity, account and privacy texts in <c>Resources/Features/Members/MembersText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class MembersText;
