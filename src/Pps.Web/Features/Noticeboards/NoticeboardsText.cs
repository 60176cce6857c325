namespace Pps.Web.Features.Noticeboards;

/// <summary>Marker for the noticeboards' resource files (<c>Resources/Features/Noticeboards/NoticeboardsText.resx</c>).</summary>
public sealed class NoticeboardsText;
