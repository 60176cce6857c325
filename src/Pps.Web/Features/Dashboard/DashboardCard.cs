namespace Pps.Web.Features.Dashboard;

/// <summary>
/// A card on the member's dashboard ("what is new for me"). Each capability that has something to show
/// registers one: <c>services.AddScoped&lt;IDashboardCard, AlertsCard&gt;()</c>. A card returns null when it has
/// nothing for this member (for example a capability their role does not use).
/// </summary>
public interface IDashboardCard
{
    /// <summary>Lower comes first: alerts 10, must-do tasks 20, posts 30, meetings 40, the rest after.</summary>
    int Order { get; }

    Task<DashboardCardModel?> BuildAsync(CancellationToken ct);
}

/// <param name="Title">Already localised.</param>
/// <param name="Count">Unread/open count shown as a badge; null for none.</param>
public sealed record DashboardCardModel(
    string Id,
    string Title,
    string? Summary,
    IReadOnlyList<DashboardItem> Items,
    string? MoreUrl = null,
    string? MoreText = null,
    int? Count = null,
    string? EmptyText = null);

/// <param name="Tone">Optional: <c>urgent</c>, <c>warning</c>, <c>info</c>, <c>success</c>.</param>
public sealed record DashboardItem(string Text, string? Url = null, string? Meta = null, string? Tone = null);
