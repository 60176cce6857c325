namespace Pps.Web.Features.MemberDirectory;

/// <summary>Marker for the directory texts (Resources/Features/MemberDirectory/DirectoryText.resx).</summary>
public sealed class DirectoryText;
