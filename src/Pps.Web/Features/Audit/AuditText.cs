namespace Pps.Web.Features.Audit;

/// <summary>Marker for the audit viewer's texts in <c>Resources/Features/Audit/AuditText.resx</c> (Dutch) and <c>.en.resx</c>.</summary>
public sealed class AuditText;
